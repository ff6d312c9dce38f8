package dev.wharf.testsupport;

import dev.wharf.testsupport.Manifests.Ref;

/**
 * A config and a layer pushed to a fresh repository, described both as OCI and as Docker descriptors (the same
 * blobs), for tests that put manifests over them.
 */
public record ImageBlobs(String repo, Ref ociConfig, Ref ociLayer, Ref dockerConfig, Ref dockerLayer) {
    /** Pushes the blobs to a new repository named after {@code prefix}. */
    public static ImageBlobs push(String prefix) {
        String repo = TestBlobs.uniqueRepository(prefix);
        byte[] config = TestBlobs.utf8(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}");
        byte[] layer = TestBlobs.random(1500, repo.hashCode());
        Ref ociConfig = Manifests.blob(repo, Manifests.OCI_CONFIG, config);
        Ref ociLayer = Manifests.blob(repo, Manifests.OCI_LAYER, layer);
        return new ImageBlobs(repo, ociConfig, ociLayer,
                new Ref(Manifests.DOCKER_CONFIG, ociConfig.digest(), ociConfig.size()),
                new Ref(Manifests.DOCKER_LAYER, ociLayer.digest(), ociLayer.size()));
    }
}

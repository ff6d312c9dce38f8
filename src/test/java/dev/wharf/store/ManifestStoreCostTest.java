package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.TestBlobs;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A manifest PUT reads no link of the blobs just pushed, and a GET by tag reads only the tag's link (the revision
 * link is known since the PUT) until a DELETE by digest through this store, which is seen at once.
 */
class ManifestStoreCostTest {
    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    private final CountingStorageDriver driver = new CountingStorageDriver(new InMemoryStorageDriver());
    private final BlobStore blobs = new BlobStore(driver, 10_000);
    private final ManifestStore manifests = new ManifestStore(driver, blobs, new TagStore(driver), 10_000, ConcurrentSteps.inTurn());

    @Test
    void knownLinksAreNotReadAgainUntilTheManifestIsDeletedHere() throws IOException {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = TestBlobs.random(100, 1);
        for (byte[] blob : new byte[][] {config, layer}) {
            Digest digest = Digest.parse(TestBlobs.sha256(blob));
            driver.putContent(RegistryLayout.blobData(digest), blob);
            blobs.stored(digest, blob.length);
            blobs.linkBlob(REPO, digest);
        }
        byte[] manifest = Manifests.ociManifest(Manifests.Ref.of(Manifests.OCI_CONFIG, config),
                Manifests.Ref.of(Manifests.OCI_LAYER, layer));
        Digest digest = Digest.parse(TestBlobs.sha256(manifest));

        driver.reset();
        manifests.putManifest(REPO, Reference.parse("v1"), manifest, Manifests.OCI_MANIFEST);
        // the manifest's data, its revision link, the tag's index and current links: nothing read
        assertEquals(4, driver.total(), driver.counts()::toString);
        assertEquals(0, driver.count("getContent"), driver.counts()::toString);

        driver.reset();
        assertEquals(digest, manifests.getManifest(REPO, Reference.parse("v1")).digest());
        assertEquals(digest, manifests.getManifest(REPO, Reference.parse(digest.toString())).digest());
        assertEquals(1, driver.total(), "the tag's link only: " + driver.counts());

        manifests.deleteManifest(REPO, Reference.parse(digest.toString()));
        RegistryException unknown = assertThrows(RegistryException.class,
                () -> manifests.getManifest(REPO, Reference.parse(digest.toString())));
        assertEquals(ErrorCode.MANIFEST_UNKNOWN, unknown.errorCode());
    }
}

package dev.wharf.e2e;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SkopeoRoundTrips} on filesystem storage, whose stored files are compared with the pushed ones; also
 * registry-to-registry copies (blob mounts) and parallel pushes of one image.
 */
@QuarkusTest
@TestProfile(FilesystemStorageProfile.class)
class SkopeoRoundTripTest extends SkopeoRoundTrips {
    private static Path v2() {
        return FilesystemStorageProfile.root().resolve("docker/registry/v2");
    }

    @Override
    void assertStored(String digest, Path expected) throws Exception {
        String hex = digest.substring("sha256:".length());
        Path data = v2().resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
        assertEquals(-1, Files.mismatch(expected, data), () -> "stored bytes of " + digest);
    }

    @Override
    void assertTagLink(String repository, String tag, String digest) throws Exception {
        assertEquals(digest, Files.readString(
                v2().resolve("repositories/" + repository + "/_manifests/tags/" + tag + "/current/link")));
    }

    @Test
    void copyBetweenRepositoriesOfWharfKeepsEveryDigest() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("mount"), "mount").tag("1.0").build();
        String from = image("e2e/mount/source", "1.0");
        String to = image("e2e/mount/target", "1.0");
        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), from);

        // registry to registry: skopeo may mount blobs it knows are in the source repository instead of uploading
        skopeo.copyAll(from, to);
        Path copy = work.resolve("mount-copy");
        skopeo.copyAll(to, Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
    }

    @Test
    void parallelPushesOfOneImageAllSucceed() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("parallel"), "parallel").tag("1.0").build();
        List<String> targets = List.of(
                image("e2e/parallel", "1.0"),
                image("e2e/parallel", "1.0"),
                image("e2e/parallel", "again"),
                image("e2e/parallel/other", "1.0"));
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<String>> pushes = new ArrayList<>();
            for (String target : targets) {
                pushes.add(pool.submit(() -> skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), target)));
            }
            for (Future<String> push : pushes) {
                push.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String target : List.of(targets.get(0), targets.get(2), targets.get(3))) {
            Path copy = work.resolve("parallel-copy-" + Math.abs(target.hashCode()));
            skopeo.copyAll(target, Skopeo.oci(copy, "1.0"));
            source.assertIdenticalCopy(copy, "1.0");
        }
    }
}

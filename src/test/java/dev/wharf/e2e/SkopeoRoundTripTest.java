package dev.wharf.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skopeo, a real client, pushes multi-platform images into Wharf (filesystem storage) and pulls them back out:
 * every manifest and blob must come back byte for byte, and land in distribution's storage layout.
 */
@QuarkusTest
@TestProfile(FilesystemStorageProfile.class)
class SkopeoRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LARGE_LAYER = 110L << 20;

    @TempDir
    static Path work;

    static Skopeo skopeo;

    @TestHTTPResource("/")
    URL wharf;

    @BeforeAll
    static void requireSkopeo() {
        skopeo = Skopeo.require();
    }

    @Test
    void multiPlatformImageRoundTripsByteForByte() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("source"), "roundtrip").tag("1.0").build();
        String image = Skopeo.docker(wharf.getPort(), "e2e/app", "1.0");

        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), image);
        Path copy = work.resolve("copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
        assertArrayEquals(source.read(source.indexDigest()), skopeo.inspectRaw(image), "index served by tag");
        for (String manifest : source.manifestDigests()) {
            assertArrayEquals(source.read(manifest),
                    skopeo.inspectRaw(Skopeo.docker(wharf.getPort(), "e2e/app", manifest)), "manifest " + manifest);
        }
        JsonNode tags = JSON.readTree(skopeo.listTags("docker://127.0.0.1:" + wharf.getPort() + "/e2e/app"));
        assertEquals(List.of("1.0"), texts(tags.path("Tags")), tags::toString);

        // distribution's layout: every blob (manifests included) under blobs/sha256/<2 hex>/<hex>/data, and the tag
        Path v2 = FilesystemStorageProfile.root().resolve("docker/registry/v2");
        for (String digest : source.blobDigests()) {
            String hex = digest.substring("sha256:".length());
            Path data = v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
            assertEquals(-1, Files.mismatch(source.blob(digest), data), () -> "stored bytes of " + digest);
        }
        assertEquals(source.indexDigest(), Files.readString(
                v2.resolve("repositories/e2e/app/_manifests/tags/1.0/current/link")));
    }

    @Test
    void layerOverHundredMegabytesRoundTrips() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("large"), "large").tag("big")
                .layersPerPlatform(1).largeLayer("amd64", LARGE_LAYER).build();
        String image = Skopeo.docker(wharf.getPort(), "e2e/large", "big");

        skopeo.copyAll(Skopeo.oci(source.directory(), "big"), image);
        Path copy = work.resolve("large-copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "big"));

        String largest = null;
        for (String digest : source.blobDigests()) {
            if (largest == null || Files.size(source.blob(digest)) > Files.size(source.blob(largest))) {
                largest = digest;
            }
        }
        assertTrue(Files.size(source.blob(largest)) > LARGE_LAYER, "the large layer is in the image");
        assertEquals(largest, sha256(OciLayout.blob(copy, largest)), "digest of the pulled large layer");
        source.assertIdenticalCopy(copy, "big");
    }

    @Test
    void copyBetweenRepositoriesOfWharfKeepsEveryDigest() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("mount"), "mount").tag("1.0").build();
        String from = Skopeo.docker(wharf.getPort(), "e2e/mount/source", "1.0");
        String to = Skopeo.docker(wharf.getPort(), "e2e/mount/target", "1.0");
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
                Skopeo.docker(wharf.getPort(), "e2e/parallel", "1.0"),
                Skopeo.docker(wharf.getPort(), "e2e/parallel", "1.0"),
                Skopeo.docker(wharf.getPort(), "e2e/parallel", "again"),
                Skopeo.docker(wharf.getPort(), "e2e/parallel/other", "1.0"));
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

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}

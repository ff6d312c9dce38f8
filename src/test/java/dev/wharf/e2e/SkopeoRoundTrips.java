package dev.wharf.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skopeo, a real client, pushes multi-platform images into Wharf and pulls them back out: every manifest and blob must
 * come back byte for byte, and land where distribution's storage layout puts it. Each subclass is a
 * {@code @QuarkusTest} on one storage and checks the stored blobs with {@link #assertStored}.
 */
abstract class SkopeoRoundTrips {
    static final long LARGE_LAYER = 110L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Skopeo skopeo;

    @TestHTTPResource("/")
    URL wharf;

    @BeforeAll
    static void requireSkopeo() {
        skopeo = Skopeo.require();
    }

    /** Asserts that the storage holds {@code digest} under {@code blobs/sha256/<2 hex>/<hex>/data} as in the file. */
    abstract void assertStored(String digest, Path expected) throws Exception;

    /** Asserts that the storage's link of {@code repository:tag} names {@code digest}. */
    abstract void assertTagLink(String repository, String tag, String digest) throws Exception;

    String image(String repository, String tagOrDigest) {
        return Skopeo.docker(wharf.getPort(), repository, tagOrDigest);
    }

    @Test
    void multiPlatformImageRoundTripsByteForByte() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("source"), "roundtrip").tag("1.0").build();
        String image = image("e2e/app", "1.0");

        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), image);
        Path copy = work.resolve("copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
        assertArrayEquals(source.read(source.indexDigest()), skopeo.inspectRaw(image), "index served by tag");
        for (String manifest : source.manifestDigests()) {
            assertArrayEquals(source.read(manifest), skopeo.inspectRaw(image("e2e/app", manifest)),
                    "manifest " + manifest);
        }
        JsonNode tags = JSON.readTree(skopeo.listTags("docker://127.0.0.1:" + wharf.getPort() + "/e2e/app"));
        assertEquals(List.of("1.0"), texts(tags.path("Tags")), tags::toString);

        // distribution's layout: every blob (manifests included) under blobs/sha256/<2 hex>/<hex>/data, and the tag
        for (String digest : source.blobDigests()) {
            assertStored(digest, source.blob(digest));
        }
        assertTagLink("e2e/app", "1.0", source.indexDigest());
    }

    @Test
    void layerOverHundredMegabytesRoundTrips() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("large"), "large").tag("big")
                .layersPerPlatform(1).largeLayer("amd64", LARGE_LAYER).build();
        String image = image("e2e/large", "big");

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
        assertEquals(largest, TestBlobs.sha256(OciLayout.blob(copy, largest)), "digest of the pulled large layer");
        source.assertIdenticalCopy(copy, "big");
        assertStored(largest, source.blob(largest));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }


}

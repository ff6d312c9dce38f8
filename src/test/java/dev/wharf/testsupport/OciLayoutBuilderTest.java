package dev.wharf.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layouts the end-to-end tests push are deterministic and consistent, so a failure there is the registry's. */
class OciLayoutBuilderTest {

    @Test
    void sameSeedSameBytesAndEveryBlobMatchesItsName(@TempDir Path first, @TempDir Path second,
                                                     @TempDir Path other) throws Exception {
        OciLayout a = OciLayoutBuilder.create(first, "web").tag("1.0").largeLayer("arm64", 1_000_001).build();
        OciLayout b = OciLayoutBuilder.create(second, "web").tag("1.0").largeLayer("arm64", 1_000_001).build();
        OciLayout c = OciLayoutBuilder.create(other, "api").tag("1.0").build();

        assertEquals(a.indexDigest(), b.indexDigest());
        a.assertIdenticalCopy(second, "1.0");
        assertNotEquals(a.indexDigest(), c.indexDigest());
        assertTrue(c.blobDigests().stream().noneMatch(a.blobDigests()::contains), "different seeds share no blob");
        // index + 2 manifests + 2 configs + 2 x 3 layers + the large one
        assertEquals(12, a.blobDigests().size());
        assertEquals(2, a.manifestDigests().size());
        for (String digest : a.blobDigests()) {
            assertEquals(digest, TestBlobs.sha256(Files.readAllBytes(a.blob(digest))));
        }
    }
}

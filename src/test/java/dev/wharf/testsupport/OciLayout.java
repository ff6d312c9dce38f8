package dev.wharf.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OCI image layout written by {@link OciLayoutBuilder}: where it is, its tag, the digests of its image index, of
 * the platform manifests (amd64, arm64) and of every blob (index, manifests, configs, layers).
 */
public record OciLayout(Path directory, String tag, String indexDigest, List<String> manifestDigests,
                        Set<String> blobDigests) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file holding a blob of this layout (or of any layout in {@code directory}). */
    public Path blob(String digest) {
        return blob(directory, digest);
    }

    public static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    /** The bytes of a blob, for small ones (manifests, configs). */
    public byte[] read(String digest) {
        try {
            return Files.readAllBytes(blob(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts {@code copy} is an OCI layout holding exactly this image, byte for byte: its {@code index.json} tags
     * {@code tag} with this index digest, and its blobs are exactly this layout's blobs with identical content.
     */
    public void assertIdenticalCopy(Path copy, String tag) {
        try {
            JsonNode index = JSON.readTree(copy.resolve("index.json").toFile());
            String tagged = null;
            for (JsonNode entry : index.path("manifests")) {
                if (tag.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                    tagged = entry.path("digest").asText();
                }
            }
            assertEquals(indexDigest, tagged, () -> "digest tagged " + tag + " in " + copy + "/index.json: " + index);
            Set<String> copied = new TreeSet<>();
            try (Stream<Path> files = Files.list(copy.resolve("blobs/sha256"))) {
                files.forEach(file -> copied.add("sha256:" + file.getFileName()));
            }
            assertEquals(new TreeSet<>(blobDigests), copied, "blobs of the copy");
            for (String digest : blobDigests) {
                assertEquals(Files.size(blob(digest)), Files.size(blob(copy, digest)), () -> "size of " + digest);
                assertTrue(Files.mismatch(blob(digest), blob(copy, digest)) == -1, () -> "bytes of " + digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

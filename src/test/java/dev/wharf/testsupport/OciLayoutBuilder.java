package dev.wharf.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/<hex>}) holding one
 * multi-platform image: an image index over a linux/amd64 and a linux/arm64 manifest, each with a config and several
 * real gzip-compressed tar layers, tagged in {@code index.json} with {@code org.opencontainers.image.ref.name}.
 * The same {@code seed} always gives the same bytes; different seeds give images sharing no blob.
 * <p>
 * {@link #largeLayer} adds an uncompressed tar layer of random data to one platform, streamed to disk.
 */
public final class OciLayoutBuilder {
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final List<String> PLATFORMS = List.of("amd64", "arm64");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String seed;
    private String tag = "latest";
    private int layersPerPlatform = 3;
    private String largeLayerPlatform;
    private long largeLayerSize;

    private OciLayoutBuilder(Path directory, String seed) {
        this.directory = directory;
        this.seed = seed;
    }

    /** A builder writing into {@code directory} (created if missing, expected empty) content derived from seed. */
    public static OciLayoutBuilder create(Path directory, String seed) {
        return new OciLayoutBuilder(directory, seed);
    }

    /** The tag written as {@code org.opencontainers.image.ref.name} (default {@code latest}). */
    public OciLayoutBuilder tag(String tag) {
        this.tag = tag;
        return this;
    }

    /** Small gzip layers per platform (default 3). */
    public OciLayoutBuilder layersPerPlatform(int count) {
        this.layersPerPlatform = count;
        return this;
    }

    /** Adds to {@code platform} a last, uncompressed layer holding one file of {@code size} random bytes. */
    public OciLayoutBuilder largeLayer(String platform, long size) {
        if (!PLATFORMS.contains(platform)) {
            throw new IllegalArgumentException("platform must be one of " + PLATFORMS);
        }
        this.largeLayerPlatform = platform;
        this.largeLayerSize = size;
        return this;
    }

    public OciLayout build() {
        try {
            Files.createDirectories(directory.resolve("blobs/sha256"));
            Set<String> blobs = new LinkedHashSet<>();
            List<Map<String, Object>> manifests = new ArrayList<>();
            List<String> manifestDigests = new ArrayList<>();
            for (String platform : PLATFORMS) {
                List<Map<String, Object>> layers = new ArrayList<>();
                List<String> diffIds = new ArrayList<>();
                for (int i = 0; i < layersPerPlatform; i++) {
                    Written layer = writeGzipLayer(platform, i);
                    layers.add(descriptor(LAYER_GZIP, layer.digest, layer.size));
                    diffIds.add(layer.diffId);
                    blobs.add(layer.digest);
                }
                if (platform.equals(largeLayerPlatform)) {
                    Written layer = writeLargeLayer(platform);
                    layers.add(descriptor(LAYER_TAR, layer.digest, layer.size));
                    diffIds.add(layer.diffId);
                    blobs.add(layer.digest);
                }
                Written config = writeJson(config(platform, diffIds));
                blobs.add(config.digest);
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("schemaVersion", 2);
                manifest.put("mediaType", MANIFEST);
                manifest.put("config", descriptor(CONFIG, config.digest, config.size));
                manifest.put("layers", layers);
                manifest.put("annotations", Map.of("dev.wharf.e2e.seed", seed));
                Written written = writeJson(manifest);
                blobs.add(written.digest);
                manifestDigests.add(written.digest);
                Map<String, Object> entry = descriptor(MANIFEST, written.digest, written.size);
                entry.put("platform", Map.of("architecture", platform, "os", "linux"));
                manifests.add(entry);
            }
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", INDEX);
            index.put("manifests", manifests);
            Written indexBlob = writeJson(index);
            blobs.add(indexBlob.digest);

            Map<String, Object> reference = descriptor(INDEX, indexBlob.digest, indexBlob.size);
            reference.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
            Map<String, Object> layoutIndex = new LinkedHashMap<>();
            layoutIndex.put("schemaVersion", 2);
            layoutIndex.put("manifests", List.of(reference));
            Files.write(directory.resolve("index.json"), JSON.writeValueAsBytes(layoutIndex));
            Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            return new OciLayout(directory, tag, indexBlob.digest, List.copyOf(manifestDigests), Set.copyOf(blobs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> config(String platform, List<String> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2023-11-14T22:13:20Z");
        config.put("architecture", platform);
        config.put("os", "linux");
        config.put("config", Map.of("Env", List.of("PATH=/usr/local/bin:/usr/bin:/bin", "SEED=" + seed),
                "Cmd", List.of("/bin/sh")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return config;
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    /** A layer of a directory and a few files of text and seeded random bytes, from 100 bytes to about 300 KiB. */
    private Written writeGzipLayer(String platform, int index) throws IOException {
        Random random = new Random((seed + "/" + platform + "/" + index).hashCode());
        return writeBlob(out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
            HashingStream tar = new HashingStream(gzip);
            String root = "opt/" + seed + "/" + platform + "/layer-" + index;
            try (TarWriter writer = new TarWriter(tar)) {
                writer.addDirectory(root);
                writer.addFile(root + "/README", (seed + " layer " + index + " for linux/" + platform + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                for (int file = 0; file < 3; file++) {
                    byte[] content = new byte[100 + random.nextInt(100_000 * (file + 1))];
                    random.nextBytes(content);
                    writer.addFile(root + "/data-" + file + ".bin", content);
                }
            }
            gzip.finish();
            return tar.digest();
        });
    }

    /** One file of random bytes, streamed through the tar writer without ever holding it whole. */
    private Written writeLargeLayer(String platform) throws IOException {
        SplittableRandom random = new SplittableRandom((seed + "/" + platform + "/large").hashCode());
        return writeBlob(out -> {
            HashingStream tar = new HashingStream(out);
            try (TarWriter writer = new TarWriter(tar)) {
                writer.addFile("opt/" + seed + "/large.bin", largeLayerSize, new RandomStream(random));
            }
            return tar.digest();
        });
    }

    private Written writeJson(Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        return writeBlob(out -> {
            out.write(bytes);
            return null;
        });
    }

    private interface Content {
        /** Writes the blob to {@code out}; returns the digest of the uncompressed content for layers, else null. */
        String writeTo(OutputStream out) throws IOException;
    }

    private record Written(String digest, long size, String diffId) {
    }

    /** Streams the blob to a temporary file while hashing, then renames it to {@code blobs/sha256/<hex>}. */
    private Written writeBlob(Content content) throws IOException {
        Path temporary = Files.createTempFile(directory.resolve("blobs"), "writing-", ".tmp");
        String diffId;
        HashingStream hashing;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
            hashing = new HashingStream(file);
            diffId = content.writeTo(hashing);
            hashing.flush();
        }
        String digest = hashing.digest();
        Files.move(temporary, directory.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())),
                StandardCopyOption.REPLACE_EXISTING);
        return new Written(digest, hashing.count(), diffId == null ? digest : diffId);
    }

    /** Counts and SHA-256-hashes what passes through. */
    private static class HashingStream extends FilterOutputStream {
        private final MessageDigest sha256;
        private long count;

        HashingStream(OutputStream out) {
            super(out);
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sha256.update(b, off, len);
            count += len;
            out.write(b, off, len);
        }

        long count() {
            return count;
        }

        String digest() {
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        }
    }

    /** An endless stream of pseudo-random bytes. */
    private static final class RandomStream extends InputStream {
        private final SplittableRandom random;

        RandomStream(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public int read() {
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                long value = random.nextLong();
                for (int shift = 0; shift < 64; shift += 8) {
                    buffer[offset + i + shift / 8] = (byte) (value >>> shift);
                }
            }
            for (; i < length; i++) {
                buffer[offset + i] = (byte) random.nextInt(256);
            }
            return length;
        }
    }
}

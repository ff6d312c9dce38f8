package dev.wharf.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Test content and its digests. */
public final class TestBlobs {
    private TestBlobs() {
    }

    /** {@code size} pseudo-random bytes, the same for the same seed. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The parts one after the other, in one new array. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code sha256:<hex>} of the bytes. */
    public static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    /** {@code sha256:<hex>} of everything {@code in} holds, read to its end. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sha256:<hex>} of a file's content. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A repository name no other test uses, so tests sharing one registry never see each other's data. */
    public static String uniqueRepository(String prefix) {
        return prefix + "/" + Long.toHexString(System.nanoTime()) + Integer.toHexString(new Random().nextInt(4096));
    }
}

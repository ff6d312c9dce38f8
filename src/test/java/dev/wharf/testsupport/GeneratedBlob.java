package dev.wharf.testsupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code size} reproducible bytes generated as they are read, so that a test can push a blob larger than its heap:
 * 1 MiB of random bytes repeated, each block stamped with its number in its first 8 bytes.
 */
public final class GeneratedBlob extends InputStream {
    private static final int BLOCK = 1 << 20;
    private final long size;
    private final byte[] block = TestBlobs.random(BLOCK, 4);
    private long position;

    public GeneratedBlob(long size) {
        this.size = size;
    }

    /** {@code sha256:<hex>} of the {@code size} bytes, computed by reading them once. */
    public static String sha256(long size) {
        try (DigestInputStream in = new DigestInputStream(new GeneratedBlob(size),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int inBlock = (int) (position % BLOCK);
        if (inBlock == 0) {
            long number = position / BLOCK;
            for (int i = 0; i < 8; i++) {
                block[i] = (byte) (number >>> (8 * i));
            }
        }
        int n = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
        System.arraycopy(block, inBlock, buffer, offset, n);
        position += n;
        return n;
    }
}

package dev.wharf.bench;

import dev.wharf.bench.HttpConnection.Body;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A large blob without a large array of its own: an 8-byte prefix that makes it unique, then bytes 8.. of a random
 * array shared by every blob of the run. Its body is sent from views of those arrays, so the client copies nothing.
 */
record LargeBlob(byte[] prefix, byte[] shared, String digest) {
    private static final int PREFIX = 8;

    /** The blob whose prefix is {@code id} over {@code shared} (random bytes, as large as the blob). */
    static LargeBlob of(long id, byte[] shared) {
        byte[] prefix = ByteBuffer.allocate(PREFIX).putLong(id).array();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prefix);
            sha256.update(shared, PREFIX, shared.length - PREFIX);
            return new LargeBlob(prefix, shared, "sha256:" + HexFormat.of().formatHex(sha256.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long size() {
        return shared.length;
    }

    /** The whole blob. */
    Body body() {
        return body(0, shared.length);
    }

    /** Bytes {@code offset} to {@code offset + length - 1}. */
    Body body(long offset, int length) {
        int start = (int) offset;
        if (start >= PREFIX) {
            return Body.of(shared, start, length);
        }
        int head = Math.min(PREFIX - start, length);
        return Body.concat(Body.of(prefix, start, head), Body.of(shared, PREFIX, length - head));
    }
}

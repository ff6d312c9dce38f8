package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.storage.FileWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Streams an upload's body into the session's writer through the running digest (if any), returning how many bytes
 * it held. A body that ends early, or fails while it is read, is {@code SIZE_INVALID}.
 */
final class BodyCopy {
    private static final int BUFFER = 256 * 1024;

    private BodyCopy() {
    }

    /**
     * Copies {@code body} (null: none) into {@code writer}. A request's body ({@link ChunkSource}) is written and
     * hashed in the buffers it arrived in; any other stream through one buffer, sized to the announced length when
     * it is small. Stops once the body is longer than {@code expectedLength} (when known), which the caller refuses.
     */
    static long copy(InputStream body, MessageDigest digest, FileWriter writer, long expectedLength)
            throws IOException {
        if (body == null) {
            return 0;
        }
        if (body instanceof ChunkSource chunks) {
            return copy(chunks, digest, writer, expectedLength);
        }
        int size = expectedLength >= 0 && expectedLength < BUFFER ? (int) expectedLength + 1 : BUFFER;
        byte[] buffer = new byte[size];
        long total = 0;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw ended(e);
            }
            if (n < 0) {
                return total;
            }
            writer.write(ByteBuffer.wrap(buffer, 0, n));
            total += n;
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
        }
    }

    /**
     * Writes and hashes each piece of the body in the buffer it arrived in: no copy into an array of ours, no hand-off
     * to a hashing thread (the request's event loop keeps receiving meanwhile).
     */
    private static long copy(ChunkSource chunks, MessageDigest digest, FileWriter writer, long expectedLength)
            throws IOException {
        long total = 0;
        while (expectedLength < 0 || total <= expectedLength) {
            ByteBuffer chunk;
            try {
                chunk = chunks.nextChunk();
            } catch (IOException e) {
                throw ended(e);
            }
            if (chunk == null) {
                break;
            }
            total += chunk.remaining();
            if (digest != null) {
                digest.update(chunk.duplicate());
            }
            writer.write(chunk);
        }
        return total;
    }

    private static RegistryException ended(IOException cause) {
        return new RegistryException(ErrorCode.SIZE_INVALID, "request body ended early: " + cause.getMessage());
    }
}

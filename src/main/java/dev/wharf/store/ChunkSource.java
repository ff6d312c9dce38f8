package dev.wharf.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A body that hands over its bytes in the buffers they arrived in, so that an upload writes and hashes them where
 * they are instead of copying them through an {@link java.io.InputStream}'s array first.
 */
public interface ChunkSource {
    /**
     * The next piece of the body, waiting until it has arrived; {@code null} at the end. The buffer is the caller's
     * until the next call: it may be written and hashed, not kept.
     */
    ByteBuffer nextChunk() throws IOException;
}

package dev.wharf.storage;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A writer opened by {@link StorageDriver#writer(String, boolean)}. {@link #write(java.nio.ByteBuffer)} consumes the
 * whole buffer. After {@link #commit()} or {@link #cancel()} the writer is closed and further writes fail with
 * {@link java.nio.channels.ClosedChannelException}.
 */
public interface FileWriter extends WritableByteChannel {

    /** The object's size counting everything written so far (including the existing bytes when appending). */
    long size();

    /** Makes everything written durable and, for a new object, visible at the path. */
    void commit() throws IOException;

    /** Discards everything written through this writer; see {@link StorageDriver#writer(String, boolean)}. */
    void cancel() throws IOException;

    /** Cancels unless already committed or cancelled. */
    @Override
    void close() throws IOException;
}

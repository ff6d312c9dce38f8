package dev.wharf.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The bookkeeping every driver's {@link FileWriter} shares: the size, the open/closed state, writes after the end
 * failing with {@link ClosedChannelException}, a failed commit cancelling, and close cancelling. Subclasses only move
 * bytes: {@link #append}, {@link #publish}, {@link #discard}. All three are called under the writer's lock.
 */
public abstract class AbstractFileWriter implements FileWriter {
    private final long initialSize;
    private volatile long size;
    private boolean open = true;

    /** @param initialSize the size of the object being continued (0 when starting empty) */
    protected AbstractFileWriter(long initialSize) {
        this.initialSize = initialSize;
        this.size = initialSize;
    }

    /** Takes all the remaining bytes of {@code source}. */
    protected abstract void append(ByteBuffer source) throws IOException;

    /** Makes what was written durable and visible; when it throws, the writer is cancelled. */
    protected abstract void publish() throws IOException;

    /** Drops what was written, restoring the path as it was when the writer was opened. Called at most once. */
    protected abstract void discard() throws IOException;

    @Override
    public final synchronized int write(ByteBuffer source) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int count = source.remaining();
        append(source);
        size += count;
        return count;
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final synchronized boolean isOpen() {
        return open;
    }

    @Override
    public final synchronized void commit() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        try {
            publish();
            open = false;
        } catch (IOException | RuntimeException e) {
            try {
                cancel();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Discards what this writer wrote; a second call, or a call after commit, does nothing. */
    @Override
    public final synchronized void cancel() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        size = initialSize;
        discard();
    }

    @Override
    public final void close() throws IOException {
        cancel();
    }
}

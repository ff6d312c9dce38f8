package dev.wharf.storage.inmemory;

import dev.wharf.storage.FileWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-memory driver's {@link FileWriter}. Bytes are collected privately in fixed-size blocks (never copying what
 * was written before); {@link #commit()} hands them to the driver, which publishes a new immutable version of the
 * object. Until then nothing is visible, so {@link #cancel()} only drops the blocks.
 */
final class MemoryFileWriter implements FileWriter {
    private static final int BLOCK = 64 * 1024;

    private final long initialSize;
    private final Consumer<List<byte[]>> publish;
    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int filled;
    private volatile long size;
    private boolean open = true;

    /**
     * @param initialSize the size of the object being continued (0 when starting empty)
     * @param publish     called once on commit with the written bytes
     */
    MemoryFileWriter(long initialSize, Consumer<List<byte[]>> publish) {
        this.initialSize = initialSize;
        this.publish = publish;
        this.size = initialSize;
    }

    @Override
    public synchronized int write(ByteBuffer source) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int count = source.remaining();
        while (source.hasRemaining()) {
            if (block == null || filled == block.length) {
                flushBlock();
                block = new byte[BLOCK];
            }
            int n = Math.min(source.remaining(), block.length - filled);
            source.get(block, filled, n);
            filled += n;
        }
        size += count;
        return count;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void commit() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        open = false;
        flushBlock();
        publish.accept(List.copyOf(blocks));
        blocks.clear();
    }

    @Override
    public synchronized void cancel() {
        if (open) {
            open = false;
            size = initialSize;
            blocks.clear();
            block = null;
        }
    }

    @Override
    public void close() {
        cancel();
    }

    /** Moves the current block, trimmed to what was written, to the finished blocks. */
    private void flushBlock() {
        if (block != null && filled > 0) {
            blocks.add(filled == block.length ? block : Arrays.copyOf(block, filled));
        }
        block = null;
        filled = 0;
    }
}

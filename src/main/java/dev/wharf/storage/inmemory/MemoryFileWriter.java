package dev.wharf.storage.inmemory;

import dev.wharf.storage.AbstractFileWriter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-memory driver's {@link dev.wharf.storage.FileWriter}. Bytes are collected privately in fixed-size blocks
 * (never copying what was written before); {@link #commit()} hands them to the driver, which publishes a new
 * immutable version of the object. Until then nothing is visible, so {@link #cancel()} only drops the blocks.
 */
final class MemoryFileWriter extends AbstractFileWriter {
    private static final int BLOCK = 64 * 1024;

    private final Consumer<List<byte[]>> publish;
    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int filled;

    /**
     * @param initialSize the size of the object being continued (0 when starting empty)
     * @param publish     called once on commit with the written bytes
     */
    MemoryFileWriter(long initialSize, Consumer<List<byte[]>> publish) {
        super(initialSize);
        this.publish = publish;
    }

    @Override
    protected void append(ByteBuffer source) {
        while (source.hasRemaining()) {
            if (block == null || filled == block.length) {
                flushBlock();
                block = new byte[BLOCK];
            }
            int n = Math.min(source.remaining(), block.length - filled);
            source.get(block, filled, n);
            filled += n;
        }
    }

    @Override
    protected void publish() {
        flushBlock();
        publish.accept(List.copyOf(blocks));
        blocks.clear();
    }

    @Override
    protected void discard() {
        blocks.clear();
        block = null;
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

package dev.wharf.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes an upload's bytes on another thread while the request thread reads the next buffer and writes this one, so
 * that hashing (the portable SHA-256 runs at ~300 MiB/s) overlaps the network and the disk instead of adding to them.
 * A fixed ring of buffers circulates: the caller takes a free one ({@link #buffer()}), fills and writes it, and hands
 * it over ({@link #hash}); the hasher gives it back once hashed. {@link #finish()} waits until every byte is hashed.
 * One instance per upload request; not thread-safe on the caller's side.
 */
final class PipelinedDigest implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "upload-hash-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final int BUFFERS = 4;

    private record Chunk(byte[] buffer, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Future<?> hasher;
    private boolean ended;

    PipelinedDigest(MessageDigest digest, int bufferSize) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[bufferSize]);
        }
        hasher = HASHERS.submit(() -> {
            while (true) {
                Chunk chunk = full.take();
                if (chunk == END) {
                    return null;
                }
                digest.update(chunk.buffer(), 0, chunk.length());
                free.add(chunk.buffer());
            }
        });
    }

    /** A buffer to fill; waits while all are being hashed. */
    byte[] buffer() throws IOException {
        try {
            while (true) {
                byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (hasher.isDone()) {
                    awaitHasher();
                    throw new IllegalStateException("upload hasher stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the upload hasher");
        }
    }

    /** Hands the first {@code length} bytes of a buffer from {@link #buffer()} to the hasher. */
    void hash(byte[] buffer, int length) {
        full.add(new Chunk(buffer, length));
    }

    /** Waits until everything handed over is hashed: the digest is then complete. */
    void finish() throws IOException {
        end();
        awaitHasher();
    }

    /** Stops the hasher (after what was handed over) without waiting; the digest is then not to be used. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            full.add(END);
        }
    }

    private void awaitHasher() throws IOException {
        try {
            hasher.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the upload hasher");
        } catch (ExecutionException e) {
            throw new IllegalStateException("upload hasher failed", e.getCause());
        }
    }
}

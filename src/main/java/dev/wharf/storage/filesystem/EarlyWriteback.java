package dev.wharf.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a file's data to the disk while it is still being written, so that the {@code fsync} at commit has only the
 * last few MiB left to write. Without it, the kernel writes nothing of a blob until that {@code fsync} (its own
 * writeback starts after 30 s, or at 10 % of the memory dirty), and the request waits for the whole blob to reach the
 * disk, its connection idle meanwhile: 4 concurrent 64 MiB pushes on a disk left a quarter of the machine's time
 * waiting for I/O (docs/performance.md, item 22).
 *
 * <p>After every {@link #EVERY} bytes written, an {@code fdatasync} of the file starts on a background thread, at
 * most one per file at a time; the writer goes on writing meanwhile. {@link #finish()} waits for the one in flight and
 * throws what any of them met: Linux reports a failed writeback to one {@code fsync} only, so a failure seen here and
 * not passed on would let the commit's own {@code fsync} succeed on lost data. When every background thread is busy,
 * the flush is skipped, and the next write tries again. Writes are not thread-safe (the writer's lock covers them).
 */
final class EarlyWriteback {
    /** How many bytes are written between two flushes. */
    static final long EVERY = 8L * 1024 * 1024;
    /** Background threads, started on demand and ended after 5 idle seconds: an idle registry has none. */
    private static final int THREADS = 4;
    private static final ThreadPoolExecutor FLUSHERS = new ThreadPoolExecutor(0, THREADS, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), EarlyWriteback::newThread);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final FileChannel channel;
    private long unflushed;
    private CompletableFuture<Void> pending;
    private volatile IOException failure;
    private int started;

    EarlyWriteback(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts {@code bytes} more written to the file; starts a flush once {@link #EVERY} are waiting for one. */
    void written(long bytes) {
        unflushed += bytes;
        if (unflushed < EVERY || pending != null && !pending.isDone()) {
            return;
        }
        try {
            pending = CompletableFuture.runAsync(this::flush, FLUSHERS);
            unflushed = 0;
            started++;
        } catch (RejectedExecutionException e) {
            // every thread is flushing another file: the next write tries again
        }
    }

    /** Waits for the flush in flight, if any; throws the first failure of any flush. */
    void finish() throws IOException {
        await();
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("writing the file to disk failed: " + failed.getMessage(), failed);
        }
    }

    /** Waits for the flush in flight, if any (before the file is closed, truncated or deleted). */
    void await() {
        if (pending != null) {
            pending.join();
        }
    }

    /** How many flushes this file started (for tests). */
    int started() {
        return started;
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private static Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "wharf-writeback-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}

package dev.wharf.storage;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real driver whose reads ({@code getContent}, {@code list}, {@code stat}) can be held: a held read has read the
 * backend already (its answer is fixed) and waits at the gate until released, so a test can write behind it and
 * start other callers meanwhile. Counts the reads that reached the backend; can fail the next read with an
 * {@link IOException}, as a backend that is down does.
 */
final class GatedReads extends ForwardingStorageDriver {
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<CountDownLatch> held = new AtomicReference<>();
    private volatile CountDownLatch release;
    private volatile IOException failNext;

    GatedReads(StorageDriver backend) {
        super(backend);
    }

    /** Holds the next read after it has read the backend; returns once it is held. */
    void holdNextRead(Runnable startIt) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        held.set(reached);
        startIt.run();
        if (!reached.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the read did not reach the backend");
        }
    }

    /** Lets the held read return its answer. */
    void release() {
        release.countDown();
    }

    void failNextRead(IOException failure) {
        failNext = failure;
    }

    /** Reads that reached the backend. */
    int reads() {
        return reads.get();
    }

    private <T> T gated(SharedReads.Read<T> read) throws IOException {
        reads.incrementAndGet();
        IOException failure = failNext;
        failNext = null;
        CountDownLatch gate = held.getAndSet(null);
        CountDownLatch released = release;
        try {
            if (failure != null) {
                throw failure;
            }
            return read.run();
        } finally {
            if (gate != null) {
                gate.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return gated(() -> backend.getContent(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return gated(() -> backend.list(path));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return gated(() -> backend.stat(path));
    }
}

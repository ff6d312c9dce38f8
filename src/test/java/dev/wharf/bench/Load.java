package dev.wharf.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code count} operations on a fixed pool of {@code concurrency} threads, each thread taking the next index
 * until all are done, and times each operation on the client. The first failure ends the run with its exception.
 */
final class Load {
    /** One operation: the {@code index}-th of the run. */
    interface Operation {
        void run(int index) throws Exception;
    }

    private Load() {
    }

    static Latencies run(int count, int concurrency, Operation operation) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        operation.run(i);
                        nanos[i] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    next.set(count);
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return new Latencies(nanos, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }
}

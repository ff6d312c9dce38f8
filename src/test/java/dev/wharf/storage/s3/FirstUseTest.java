package dev.wharf.storage.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The parts of the SDK that an idle registry does not need are built once, by their first use, and only then. */
class FirstUseTest {

    @Test
    void buildsNothingUntilAskedAndClosesOnlyWhatItBuilt() {
        AtomicInteger built = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        FirstUse<SdkAutoCloseable> unused = new FirstUse<>(() -> {
            built.incrementAndGet();
            return closed::incrementAndGet;
        });
        unused.close();
        assertEquals(0, built.get());
        assertEquals(0, closed.get());

        FirstUse<SdkAutoCloseable> used = new FirstUse<>(() -> {
            built.incrementAndGet();
            return closed::incrementAndGet;
        });
        SdkAutoCloseable first = used.get();
        assertSame(first, used.get());
        assertEquals(1, built.get());
        used.close();
        assertEquals(1, closed.get());
    }

    @Test
    void concurrentFirstUsesShareOneBuild() throws Exception {
        AtomicInteger built = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        FirstUse<SdkAutoCloseable> lazy = new FirstUse<>(() -> {
            built.incrementAndGet();
            return () -> { };
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] gets = new Future<?>[8];
            for (int i = 0; i < gets.length; i++) {
                gets[i] = pool.submit(() -> {
                    start.await();
                    return lazy.get();
                });
            }
            start.countDown();
            for (Future<?> get : gets) {
                assertSame(gets[0].get(5, TimeUnit.SECONDS), get.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, built.get());
    }
}

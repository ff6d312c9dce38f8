package dev.wharf.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both steps always run and have ended when {@link ConcurrentSteps#both} returns or throws; nothing waits on a queue. */
class ConcurrentStepsTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(1);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void theStepsRunAtTheSameTime() throws IOException {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        new ConcurrentSteps(pool).both(() -> {
            firstStarted.countDown();
            await(secondStarted);
        }, () -> {
            secondStarted.countDown();
            await(firstStarted);
        });
    }

    @Test
    void aStepTheBusyPoolNeverReachesRunsOnTheCallersThread() throws IOException {
        List<Runnable> queued = new ArrayList<>();
        AtomicBoolean ran = new AtomicBoolean();
        new ConcurrentSteps(queued::add).both(() -> {
        }, () -> ran.set(true));
        assertTrue(ran.get());
        assertEquals(1, queued.size());
        queued.get(0).run(); // the pool reaching it later runs nothing again
        ConcurrentSteps refusing = new ConcurrentSteps(task -> {
            throw new RejectedExecutionException("full");
        });
        AtomicBoolean alsoRan = new AtomicBoolean();
        refusing.both(() -> {
        }, () -> alsoRan.set(true));
        assertTrue(alsoRan.get());
    }

    @Test
    void itReturnsOnlyOnceTheStepOnThePoolHasEnded() throws IOException {
        CountDownLatch taken = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        new ConcurrentSteps(pool).both(() -> await(taken), () -> {
            taken.countDown();
            sleep(200);
            ended.set(true);
        });
        assertTrue(ended.get());
    }

    @Test
    void failuresAreThrownOnceBothHaveEnded() {
        IOException first = new IOException("first");
        IOException second = new IOException("second");
        AtomicBoolean secondEnded = new AtomicBoolean();
        ConcurrentSteps steps = new ConcurrentSteps(pool);
        IOException thrown = assertThrows(IOException.class, () -> steps.both(() -> {
            throw first;
        }, () -> {
            sleep(100);
            secondEnded.set(true);
        }));
        assertSame(first, thrown);
        assertTrue(secondEnded.get());

        assertSame(second, assertThrows(IOException.class, () -> steps.both(() -> {
        }, () -> {
            throw second;
        })));

        IOException both = assertThrows(IOException.class, () -> steps.both(() -> {
            throw new IOException("one");
        }, () -> {
            throw new IllegalStateException("two");
        }));
        assertEquals("one", both.getMessage());
        assertEquals(1, both.getSuppressed().length);
        assertEquals("two", both.getSuppressed()[0].getMessage());
        IllegalStateException runtime = assertThrows(IllegalStateException.class, () -> steps.both(() -> {
        }, () -> {
            throw new IllegalStateException("unchecked");
        }));
        assertArrayEquals(new Throwable[0], runtime.getSuppressed());
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the other step never started: not run at the same time");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

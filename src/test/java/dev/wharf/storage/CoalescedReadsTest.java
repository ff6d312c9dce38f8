package dev.wharf.storage;

import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CoalescedReads} with real threads over the in-memory driver, a read held at a {@link GatedReads} gate
 * (after it has read the backend) to order the callers deterministically.
 */
class CoalescedReadsTest {
    private static final String LINK = "/repositories/app/_manifests/tags/latest/current/link";

    private final InMemoryStorageDriver storage = new InMemoryStorageDriver();
    private final GatedReads backend = new GatedReads(storage);
    private final CoalescedReads driver = new CoalescedReads(backend);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void callersArrivingAfterAWriteNeverShareAReadStartedBeforeIt() throws Exception {
        storage.putContent(LINK, utf8("sha256:old"));
        List<Future<byte[]>> first = new ArrayList<>();
        backend.holdNextRead(() -> first.add(threads.submit(() -> driver.getContent(LINK))));
        storage.putContent(LINK, utf8("sha256:new")); // completed while the first read (which saw "old") runs
        Future<byte[]> second = waiting(() -> driver.getContent(LINK));
        Future<byte[]> third = waiting(() -> driver.getContent(LINK));
        assertEquals(1, backend.reads(), "the later callers wait for the running read to end");

        backend.release();
        assertEquals("sha256:old", text(first.get(0).get(10, TimeUnit.SECONDS)));
        byte[] secondValue = second.get(10, TimeUnit.SECONDS);
        byte[] thirdValue = third.get(10, TimeUnit.SECONDS);
        assertEquals("sha256:new", text(secondValue));
        assertEquals("sha256:new", text(thirdValue));
        assertEquals(2, backend.reads(), "the two later callers shared one read");
        assertNotSame(secondValue, thirdValue, "each caller gets its own array");
        assertEquals(0, driver.pathsInUse());
    }

    @Test
    void statsAreSharedTheSameWayAndListingsAreNot() throws Exception {
        storage.putContent("/tags/a/link", utf8("a"));
        List<Future<FileInfo>> stat = new ArrayList<>();
        backend.holdNextRead(() -> stat.add(threads.submit(() -> driver.stat("/tags/a/link"))));
        Future<FileInfo> later = waiting(() -> driver.stat("/tags/a/link"));
        Future<FileInfo> later2 = waiting(() -> driver.stat("/tags/a/link"));
        backend.release();
        assertEquals(1, stat.get(0).get(10, TimeUnit.SECONDS).size());
        assertEquals(1, later.get(10, TimeUnit.SECONDS).size());
        assertEquals(1, later2.get(10, TimeUnit.SECONDS).size());
        assertEquals(2, backend.reads(), "the two later callers shared one stat");

        List<Future<List<String>>> first = new ArrayList<>();
        backend.holdNextRead(() -> first.add(threads.submit(() -> driver.list("/tags"))));
        storage.putContent("/tags/b/link", utf8("b"));
        assertEquals(List.of("a", "b"), driver.list("/tags"), "a listing does not wait for another one");
        backend.release();
        assertEquals(List.of("a"), first.get(0).get(10, TimeUnit.SECONDS));
        assertEquals(4, backend.reads());
        assertEquals(0, driver.pathsInUse());
    }

    @Test
    void aFailureReachesEveryCallerOfTheRead() throws Exception {
        storage.putContent(LINK, utf8("sha256:old"));
        List<Future<byte[]>> first = new ArrayList<>();
        backend.holdNextRead(() -> first.add(threads.submit(() -> driver.getContent(LINK))));
        storage.delete(LINK);
        Future<byte[]> missing = waiting(() -> driver.getContent(LINK));
        Future<byte[]> missingToo = waiting(() -> driver.getContent(LINK));
        backend.release();
        first.get(0).get(10, TimeUnit.SECONDS);
        Throwable one = failure(missing);
        Throwable two = failure(missingToo);
        assertInstanceOf(PathNotFoundException.class, one);
        assertInstanceOf(PathNotFoundException.class, two);
        assertNotSame(one, two, "each caller gets an exception of its own");
        assertEquals(2, backend.reads());

        storage.putContent(LINK, utf8("sha256:back"));
        List<Future<byte[]>> held = new ArrayList<>();
        backend.holdNextRead(() -> held.add(threads.submit(() -> driver.getContent(LINK))));
        backend.failNextRead(new IOException("backend down"));
        Future<byte[]> down = waiting(() -> driver.getContent(LINK));
        Future<byte[]> downToo = waiting(() -> driver.getContent(LINK));
        backend.release();
        held.get(0).get(10, TimeUnit.SECONDS);
        assertTrue(failure(down).getMessage().contains("backend down"), failure(down).toString());
        assertTrue(failure(downToo).getMessage().contains("backend down"));
        assertEquals("sha256:back", text(driver.getContent(LINK)), "a failure is not remembered");
        assertEquals(0, driver.pathsInUse());
    }

    @Test
    void anInterruptedCallerLeavesAndTheOthersStillGetTheirRead() throws Exception {
        storage.putContent(LINK, utf8("sha256:one"));
        List<Future<byte[]>> first = new ArrayList<>();
        backend.holdNextRead(() -> first.add(threads.submit(() -> driver.getContent(LINK))));
        Future<byte[]> interrupted = waiting(() -> driver.getContent(LINK));
        Future<byte[]> patient = waiting(() -> driver.getContent(LINK));
        interrupted.cancel(true);
        backend.release();
        assertEquals("sha256:one", text(patient.get(10, TimeUnit.SECONDS)));
        assertEquals(2, backend.reads());
        assertEquals(0, driver.pathsInUse());
    }

    @Test
    void aReadLeftByAllItsCallersIsDropped() throws Exception {
        storage.putContent(LINK, utf8("sha256:one"));
        List<Future<byte[]>> first = new ArrayList<>();
        backend.holdNextRead(() -> first.add(threads.submit(() -> driver.getContent(LINK))));
        Future<Throwable> leaving = threads.submit(() -> {
            Thread.currentThread().interrupt(); // interrupted before it could wait: it leaves at once
            try {
                driver.getContent(LINK);
                return null;
            } catch (InterruptedIOException e) {
                return e;
            }
        });
        assertInstanceOf(InterruptedIOException.class, leaving.get(10, TimeUnit.SECONDS));
        backend.release();
        first.get(0).get(10, TimeUnit.SECONDS);
        assertEquals(1, backend.reads(), "nobody was left to run the next read");
        assertEquals(0, driver.pathsInUse());
        assertEquals("sha256:one", text(driver.getContent(LINK)));
    }

    @Test
    void manyConcurrentCallersAllGetTheValueAndLeaveNothingBehind() throws Exception {
        storage.putContent(LINK, utf8("sha256:same"));
        int callers = 16;
        int each = 200;
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(threads.submit(() -> {
                int seen = 0;
                for (int j = 0; j < each; j++) {
                    seen += text(driver.getContent(LINK)).equals("sha256:same") ? 1 : 0;
                }
                return seen;
            }));
        }
        for (Future<Integer> result : results) {
            assertEquals(each, result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(0, driver.pathsInUse());
    }

    /** Starts a caller and returns once it waits (for the running read to end). */
    private <T> Future<T> waiting(Callable<T> call) throws InterruptedException {
        Thread[] caller = new Thread[1];
        Future<T> future = threads.submit(() -> {
            caller[0] = Thread.currentThread();
            return call.call();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller[0] == null || caller[0].getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline || future.isDone()) {
                throw new AssertionError("the caller did not wait");
            }
            Thread.sleep(1);
        }
        return future;
    }

    private static Throwable failure(Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

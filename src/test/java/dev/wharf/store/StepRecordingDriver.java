package dev.wharf.store;

import dev.wharf.storage.ForwardingStorageDriver;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real driver that records when each write, listing and deletion starts and ends ({@code "start putContent <path>"},
 * {@code "end …"}), and can make two calls meet: each waits (up to 10 s, then fails) until the other has started, so
 * an operation that makes them one after the other fails instead of passing by luck.
 */
final class StepRecordingDriver extends ForwardingStorageDriver {
    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CyclicBarrier> meetings = new ConcurrentHashMap<>();

    StepRecordingDriver(StorageDriver backend) {
        super(backend);
    }

    /** Makes the calls {@code first} and {@code second} ({@code "<method> <path>"}) wait for each other. */
    void meet(String first, String second) {
        CyclicBarrier barrier = new CyclicBarrier(2);
        meetings.put(first, barrier);
        meetings.put(second, barrier);
    }

    /** The events so far, in order. */
    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The position of an event; fails when it did not happen. */
    int position(String event) {
        int index = events().indexOf(event);
        if (index < 0) {
            throw new AssertionError("no " + event + " in " + events());
        }
        return index;
    }

    private void step(String call, Call body) throws IOException {
        events.add("start " + call);
        CyclicBarrier barrier = meetings.get(call);
        if (barrier != null) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IOException(call + " ran alone: the call it should meet did not start meanwhile", e);
            }
        }
        body.run();
        events.add("end " + call);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        step("putContent " + path, () -> backend.putContent(path, content));
    }

    @Override
    public List<String> list(String path) throws IOException {
        List<String> listed = new ArrayList<>();
        step("list " + path, () -> listed.addAll(backend.list(path)));
        return listed;
    }

    @Override
    public void delete(String path) throws IOException {
        step("delete " + path, () -> backend.delete(path));
    }

    @Override
    public void deleteListed(String directory, List<String> names) throws IOException {
        step("deleteListed " + directory, () -> backend.deleteListed(directory, names));
    }
}

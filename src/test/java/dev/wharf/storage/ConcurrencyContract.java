package dev.wharf.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent use: readers never see a torn object while {@code putContent} replaces it, and writers on different
 * paths never mix their bytes.
 */
interface ConcurrencyContract extends StorageContract {
    @Test
    default void concurrentPutContentIsAtomicForReaders() throws Exception {
        byte[] first = filled(512 * 1024, (byte) 'a');
        byte[] second = filled(384 * 1024, (byte) 'b');
        driver().putContent("/contended", first);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] value : List.of(first, second)) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        driver().putContent("/contended", value);
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                boolean streaming = r % 2 == 0;
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    do {
                        byte[] seen = streaming ? readAll("/contended") : driver().getContent("/contended");
                        assertTrue(Arrays.equals(first, seen) || Arrays.equals(second, seen),
                                "a reader saw torn content of " + seen.length + " bytes");
                        reads++;
                    } while (writing.get());
                    return reads;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(1, TimeUnit.MINUTES) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] last = driver().getContent("/contended");
        assertTrue(Arrays.equals(first, last) || Arrays.equals(second, last));
    }

    @Test
    default void concurrentWritersOnDifferentPaths() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                tasks.add(() -> {
                    boolean append = id % 2 == 0;
                    try (FileWriter writer = driver().writer("/repo/_uploads/u" + id + "/data", append)) {
                        for (int i = 0; i < 200; i++) {
                            write(writer, "w" + id + ":" + i + ";");
                        }
                        writer.commit();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> names = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                expected.append("w").append(w).append(":").append(i).append(";");
            }
            assertEquals(expected.toString(), text("/repo/_uploads/u" + w + "/data"));
            names.add("u" + w);
        }
        assertEquals(names, driver().list("/repo/_uploads"));
    }

    private byte[] readAll(String path) throws IOException {
        try (InputStream in = driver().reader(path, 0)) {
            return in.readAllBytes();
        }
    }

    private static byte[] filled(int size, byte value) {
        byte[] out = new byte[size];
        Arrays.fill(out, value);
        return out;
    }
}

package dev.wharf.metrics;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.ForwardingStorageDriver;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A storage driver that times every call into the backend and counts its failures ({@link StorageMetrics}); a
 * missing path is an answer, not a failure. Closing is left to the backend's producer.
 */
final class MeteredStorageDriver extends ForwardingStorageDriver {
    private final StorageMetrics metrics;

    MeteredStorageDriver(StorageDriver backend, StorageMetrics metrics) {
        super(backend);
        this.metrics = metrics;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    private interface VoidCall {
        void run() throws IOException;
    }

    private <T> T timed(String action, Call<T> call) throws IOException {
        long start = System.nanoTime();
        boolean failed = false;
        try {
            return call.run();
        } catch (PathNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            metrics.record(action, System.nanoTime() - start, failed);
        }
    }

    private void timed(String action, VoidCall call) throws IOException {
        timed(action, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return timed("getContent", () -> backend.getContent(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        timed("putContent", () -> backend.putContent(path, content));
    }

    @Override
    public void putScratch(String path, byte[] content) throws IOException {
        timed("putScratch", () -> backend.putScratch(path, content));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return timed("reader", () -> backend.reader(path, offset));
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        return timed("writer", () -> backend.writer(path, append));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return timed("stat", () -> backend.stat(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return timed("list", () -> backend.list(path));
    }

    @Override
    public void move(String source, String destination) throws IOException {
        timed("move", () -> backend.move(source, destination));
    }

    @Override
    public void delete(String path) throws IOException {
        timed("delete", () -> backend.delete(path));
    }

    @Override
    public void moveThenDelete(String source, String destination, String directory) throws IOException {
        timed("moveThenDelete", () -> backend.moveThenDelete(source, destination, directory));
    }

    @Override
    public void deleteListed(String directory, List<String> names) throws IOException {
        timed("deleteListed", () -> backend.deleteListed(directory, names));
    }

    @Override
    public void checkHealth() throws IOException {
        timed("checkHealth", backend::checkHealth);
    }

    /** Left to the backend's producer, which closes it once ({@link dev.wharf.storage.StorageDriverProducer}). */
    @Override
    public void close() {
    }
}

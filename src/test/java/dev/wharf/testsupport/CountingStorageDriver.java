package dev.wharf.testsupport;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real driver that counts the calls made to it, per method, to prove how many backend round trips an operation
 * costs (on S3 each is one or more requests of ~10-100 ms). Every call, failed or not, counts; {@link #name()} and
 * {@link #localFile} do not reach the backend and are not counted.
 */
public final class CountingStorageDriver implements StorageDriver {
    private final StorageDriver delegate;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public CountingStorageDriver(StorageDriver delegate) {
        this.delegate = delegate;
    }

    /** Calls of every counted method since the last {@link #reset()}. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Calls of one method ({@code "list"}, {@code "stat"}, {@code "getContent"}, …) since the last reset. */
    public long count(String method) {
        AtomicLong count = counts.get(method);
        return count == null ? 0 : count.get();
    }

    /** The counts by method, for failure messages. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((method, count) -> out.put(method, count.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }

    private void record(String method) {
        counts.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        record("getContent");
        return delegate.getContent(path);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        record("putContent");
        delegate.putContent(path, content);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        record("reader");
        return delegate.reader(path, offset);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        record("writer");
        return delegate.writer(path, append);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        record("stat");
        return delegate.stat(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        record("list");
        return delegate.list(path);
    }

    @Override
    public void move(String source, String destination) throws IOException {
        record("move");
        delegate.move(source, destination);
    }

    @Override
    public void delete(String path) throws IOException {
        record("delete");
        delegate.delete(path);
    }

    @Override
    public Optional<Path> localFile(String path) {
        return delegate.localFile(path);
    }
}

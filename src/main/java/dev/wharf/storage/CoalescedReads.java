package dev.wharf.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A driver whose reads of small, mutable things ({@link #getContent}, {@link #list}, {@link #stat}: tag links, tag
 * listings, revision links) are shared between concurrent callers of the same path, without staleness: a caller
 * only ever shares a read that started after it arrived ({@link SharedReads}), so it sees every write completed
 * before its call, as it would reading alone, and replicas sharing the storage see each other's writes as soon.
 * Under N concurrent reads of one path the backend gets about two reads at a time instead of N, which is what a
 * tags list (one S3 LIST of ~10-50 ms) or a manifest GET by tag (one GET of the tag's link) costs on S3.
 *
 * <p>Every caller gets its own copy of a mutable answer (a {@code byte[]}, a {@code List}). Writes, streams and
 * everything else go straight to the backend.
 */
public final class CoalescedReads implements StorageDriver {
    private final StorageDriver backend;
    private final SharedReads<byte[]> contents = new SharedReads<>();
    private final SharedReads<List<String>> listings = new SharedReads<>();
    private final SharedReads<FileInfo> stats = new SharedReads<>();

    public CoalescedReads(StorageDriver backend) {
        this.backend = backend;
    }

    /**
     * The driver with its reads coalesced where a read is slow enough to be worth it: on S3 (~10-50 ms a request).
     * Not on the filesystem or in memory, where a read costs microseconds and waiting for a shared one would cost
     * more than it saves.
     */
    public static StorageDriver whereReadsAreSlow(StorageDriver driver) {
        return "s3".equals(driver.name()) ? new CoalescedReads(driver) : driver;
    }

    /** The paths with a read running or waiting: none when idle. */
    int pathsInUse() {
        return contents.keysInUse() + listings.keysInUse() + stats.keysInUse();
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return contents.read(path, () -> backend.getContent(path)).clone();
    }

    @Override
    public List<String> list(String path) throws IOException {
        return new ArrayList<>(listings.read(path, () -> List.copyOf(backend.list(path))));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return stats.read(path, () -> backend.stat(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        backend.putContent(path, content);
    }

    @Override
    public void putScratch(String path, byte[] content) throws IOException {
        backend.putScratch(path, content);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return backend.reader(path, offset);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        return backend.writer(path, append);
    }

    @Override
    public void move(String source, String destination) throws IOException {
        backend.move(source, destination);
    }

    @Override
    public void delete(String path) throws IOException {
        backend.delete(path);
    }

    @Override
    public void moveThenDelete(String source, String destination, String directory) throws IOException {
        backend.moveThenDelete(source, destination, directory);
    }

    @Override
    public Optional<Path> localFile(String path) {
        return backend.localFile(path);
    }

    @Override
    public Optional<URI> redirectUrl(String path, String method) {
        return backend.redirectUrl(path, method);
    }

    @Override
    public void checkHealth() throws IOException {
        backend.checkHealth();
    }

    @Override
    public void close() throws IOException {
        backend.close();
    }
}

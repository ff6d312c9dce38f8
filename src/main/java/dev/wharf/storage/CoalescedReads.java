package dev.wharf.storage;

import java.io.IOException;

/**
 * A driver whose reads of small, mutable things ({@link #getContent}, {@link #stat}: tag links, revision links) are
 * shared between concurrent callers of the same path, without staleness: a caller only ever shares a read that
 * started after it arrived ({@link SharedReads}), so it sees every write completed before its call, as it would
 * reading alone, and replicas sharing the storage see each other's writes as soon. Under N concurrent reads of one
 * path the backend gets about two reads at a time instead of N: a manifest GET by tag (one GET of the tag's link) on
 * S3 during a rollout.
 *
 * <p>Listings are not shared: a caller that joins the next read waits for the rest of the running one and then a
 * whole one, and an S3 LIST is slow enough (44 ms from S3Proxy in the benchmark, whatever the concurrency) that this
 * halved the tags lists a repository answered per second (0.49x docker-registry against 0.99x, with a quarter of the
 * LISTs; docs/performance.md).
 *
 * <p>Every caller gets its own copy of a mutable answer (a {@code byte[]}). Writes, listings, streams and everything
 * else go straight to the backend. Closing closes the backend.
 */
public final class CoalescedReads extends ForwardingStorageDriver {
    private final SharedReads<byte[]> contents = new SharedReads<>();
    private final SharedReads<FileInfo> stats = new SharedReads<>();

    public CoalescedReads(StorageDriver backend) {
        super(backend);
    }

    /**
     * The driver with its reads coalesced where a read is slow enough to be worth it: on S3 (~10-50 ms a request).
     * Not on the filesystem or in memory, where a read costs microseconds and waiting for a shared one would cost
     * more than it saves.
     */
    public static StorageDriver whereReadsAreSlow(StorageDriver driver) {
        return StorageDriver.readsAreSlow(driver) ? new CoalescedReads(driver) : driver;
    }

    /** The paths with a read running or waiting: none when idle. */
    int pathsInUse() {
        return contents.keysInUse() + stats.keysInUse();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return contents.read(path, () -> backend.getContent(path)).clone();
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return stats.read(path, () -> backend.stat(path));
    }
}

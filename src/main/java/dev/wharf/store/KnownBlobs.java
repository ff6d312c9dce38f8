package dev.wharf.store;

import dev.wharf.model.Digest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.OptionalLong;

/**
 * Blob data known to exist, by digest, with its size where known: distribution's blob descriptor cache
 * ({@code storage.cache.blobdescriptor: inmemory}), always on. Data addressed by a digest never changes and a running
 * registry never removes it (a blob DELETE only unlinks), so a positive answer may be remembered; entries still expire
 * after a while, for garbage collection run by another program. Bounded, least recently used dropped first.
 */
final class KnownBlobs {
    /** Unknown size: the data was seen in a listing, not stat'ed. */
    private static final long UNKNOWN = -1;

    private final int capacity;
    private final long ttlMillis;
    private final Clock clock;
    private final LinkedHashMap<Digest, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

    private record Entry(long size, long seenAt) {
    }

    KnownBlobs(int capacity, long ttlMillis, Clock clock) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** True when the data was seen lately. */
    synchronized boolean exists(Digest digest) {
        return fresh(digest) != null;
    }

    /** The size of data seen lately, when it was seen with its size. */
    synchronized OptionalLong size(Digest digest) {
        Entry entry = fresh(digest);
        return entry == null || entry.size() == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(entry.size());
    }

    /** Remembers that the data exists. */
    synchronized void exists(Digest digest, OptionalLong size) {
        Entry previous = entries.get(digest);
        long known = size.orElse(previous == null ? UNKNOWN : previous.size());
        entries.put(digest, new Entry(known, clock.millis()));
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    /** Forgets the data: it was found missing (removed by garbage collection run by another program). */
    synchronized void forget(Digest digest) {
        entries.remove(digest);
    }

    private Entry fresh(Digest digest) {
        Entry entry = entries.get(digest);
        if (entry != null && clock.millis() - entry.seenAt() > ttlMillis) {
            entries.remove(digest);
            return null;
        }
        return entry;
    }
}

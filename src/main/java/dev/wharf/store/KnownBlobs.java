package dev.wharf.store;

import dev.wharf.model.Digest;

import java.time.Clock;
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

    private final ExpiringLru<Digest, Long> entries;

    KnownBlobs(int capacity, long ttlMillis, Clock clock) {
        this.entries = new ExpiringLru<>(capacity, ttlMillis, clock);
    }

    /** True when the data was seen lately. */
    boolean exists(Digest digest) {
        return entries.get(digest) != null;
    }

    /** The size of data seen lately, when it was seen with its size. */
    OptionalLong size(Digest digest) {
        Long size = entries.get(digest);
        return size == null || size == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** Remembers that the data exists (a size already known is kept when {@code size} is empty). */
    synchronized void exists(Digest digest, OptionalLong size) {
        Long previous = entries.get(digest);
        entries.put(digest, size.orElse(previous == null ? UNKNOWN : previous));
    }

    /** Forgets the data: it was found missing (removed by garbage collection run by another program). */
    void forget(Digest digest) {
        entries.remove(digest);
    }
}

package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.time.Clock;

/**
 * Links known to exist, by repository and digest: blob links ({@code _layers/<alg>/<hex>/link}, the
 * repository-scoped half of distribution's in-memory blob descriptor cache, which answers a HEAD or GET of a known
 * blob without reading its link) and manifest revision links. A link's content never changes (it names its own
 * digest); only a DELETE removes it. A DELETE through this
 * process forgets the link at once, and a storage read that raced with it does not put it back; a DELETE by another
 * process sharing the storage is seen here once the entry expires, which is why the cache is off unless configured
 * ({@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR=inmemory}, capacity 0 otherwise) (distribution's cache never expires its entries, so
 * there it is seen only after a restart or an eviction). Bounded, least recently used dropped first; only links seen
 * to exist are kept, never an absence.
 */
final class KnownLinks {
    static final long TTL_MILLIS = 10 * 60 * 1000;

    private record Link(RepositoryName name, Digest digest) {
    }

    private final ExpiringLru<Link, Boolean> links;

    KnownLinks(int capacity, long ttlMillis, Clock clock) {
        this.links = new ExpiringLru<>(capacity, ttlMillis, clock);
    }

    private boolean isKnown(RepositoryName name, Digest digest) {
        return links.get(new Link(name, digest)) != null;
    }

    /** True when the link at {@code path} is known, else when storage holds it (it is then remembered). */
    boolean isPresent(StorageDriver driver, String path, RepositoryName name, Digest digest) throws IOException {
        if (isKnown(name, digest)) {
            return true;
        }
        long mark = mark();
        boolean present = Links.isPresent(driver, path);
        if (present) {
            seen(name, digest, mark);
        }
        return present;
    }

    /** Writes the link at {@code path} (to {@code digest}) and remembers it. */
    void write(StorageDriver driver, String path, RepositoryName name, Digest digest) throws IOException {
        long mark = mark();
        Links.write(driver, path, digest);
        seen(name, digest, mark);
    }

    /** A mark to take before reading or writing a link in storage, for {@link #seen}. */
    private long mark() {
        return links.removals();
    }

    /** Remembers a link seen in storage (or written) after {@code mark}, unless a link was forgotten since. */
    private void seen(RepositoryName name, Digest digest, long mark) {
        links.putUnlessRemovedSince(new Link(name, digest), Boolean.TRUE, mark);
    }

    /** Forgets the link: call once it is deleted from storage (or may be). */
    void forget(RepositoryName name, Digest digest) {
        links.remove(new Link(name, digest));
    }
}

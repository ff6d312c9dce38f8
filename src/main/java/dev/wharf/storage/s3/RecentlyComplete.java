package dev.wharf.storage.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ETag and size of complete objects the driver wrote or read with HeadObject lately, so that the move
 * at the end of an upload (just after its stat) needs no HeadObject: the copy is conditional on the ETag, so a
 * stale entry costs a HeadObject more, not a wrong copy. (Only another instance appending to the object between
 * the stat and the move, leaving a pending tail byte for byte equal to the object seen, could pass the
 * condition; a HeadObject before the copy has the same window, unconditionally.) Bounded: a forgotten entry only
 * means a HeadObject.
 */
final class RecentlyComplete {
    private static final int MAX = 4096;

    private final Map<String, Known> known = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                    return size() > MAX;
                }
            });

    void put(String key, String eTag, long size) {
        known.put(key, new Known(eTag, size));
    }

    /** Forgets the key, returning what was known of it (null when nothing was). */
    Known remove(String key) {
        return known.remove(key);
    }

    /** A complete object as last seen: its ETag and size. */
    record Known(String eTag, long size) {
    }
}

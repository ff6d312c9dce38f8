package dev.wharf.store;

import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * A bounded map whose entries expire a while after they were put: the least recently used entry goes first beyond
 * the capacity. Thread-safe. Removals are counted ({@link #removals()}), so that a caller who read storage before a
 * concurrent removal does not put back what was removed meanwhile ({@link #putUnlessRemovedSince}).
 */
final class ExpiringLru<K, V> {
    private final int capacity;
    private final long ttlMillis;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long removals;

    private record Entry<V>(V value, long putAt) {
    }

    ExpiringLru(int capacity, long ttlMillis, Clock clock) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** The value put lately, or null. */
    synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry != null && clock.millis() - entry.putAt() > ttlMillis) {
            entries.remove(key);
            return null;
        }
        return entry == null ? null : entry.value();
    }

    synchronized void put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.millis()));
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    /** How many {@link #remove}s there were so far: read it before reading the storage a value comes from. */
    synchronized long removals() {
        return removals;
    }

    /** Puts the value unless something was removed since {@link #removals()} answered {@code removalsBefore}. */
    synchronized void putUnlessRemovedSince(K key, V value, long removalsBefore) {
        if (removals == removalsBefore) {
            put(key, value);
        }
    }

    synchronized void remove(K key) {
        removals++;
        entries.remove(key);
    }
}

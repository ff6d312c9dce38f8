package dev.wharf.store;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ExpiringLruTest {
    @Test
    void aValueReadBeforeARemovalIsNotPutBackAfterIt() {
        ExpiringLru<String, Boolean> lru = new ExpiringLru<>(10, 60_000, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        long before = lru.removals();
        // ... a reader reads storage here; meanwhile another thread deletes and forgets:
        lru.remove("link");
        lru.putUnlessRemovedSince("link", true, before);
        assertNull(lru.get("link"), "the stale read is dropped");

        long after = lru.removals();
        lru.putUnlessRemovedSince("link", true, after);
        assertEquals(Boolean.TRUE, lru.get("link"), "a read after the removal is kept");
    }
}

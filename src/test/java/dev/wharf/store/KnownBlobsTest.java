package dev.wharf.store;

import dev.wharf.model.Digest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownBlobsTest {
    private static Digest digest(int n) {
        return Digest.parse("sha256:" + String.format("%064x", n));
    }

    @Test
    void remembersExistenceAndSizeUntilTheyExpire() {
        MutableClock clock = new MutableClock();
        KnownBlobs known = new KnownBlobs(10, 1000, clock);
        assertFalse(known.exists(digest(1)));
        known.exists(digest(1), OptionalLong.empty());
        assertTrue(known.exists(digest(1)));
        assertEquals(OptionalLong.empty(), known.size(digest(1)), "seen in a listing: size unknown");
        known.exists(digest(1), OptionalLong.of(42));
        known.exists(digest(1), OptionalLong.empty());
        assertEquals(OptionalLong.of(42), known.size(digest(1)), "a later listing keeps the size");
        clock.advance(Duration.ofMillis(1001));
        assertFalse(known.exists(digest(1)));
        assertEquals(OptionalLong.empty(), known.size(digest(1)));
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsCapacity() {
        KnownBlobs known = new KnownBlobs(2, 60_000, new MutableClock());
        known.exists(digest(1), OptionalLong.of(1));
        known.exists(digest(2), OptionalLong.of(2));
        assertTrue(known.exists(digest(1))); // 2 is now the eldest
        known.exists(digest(3), OptionalLong.of(3));
        assertTrue(known.exists(digest(1)));
        assertFalse(known.exists(digest(2)));
        assertTrue(known.exists(digest(3)));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

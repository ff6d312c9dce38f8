package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark's percentiles (nearest rank) and rates. */
class LatenciesTest {
    @Test
    void percentilesAreNearestRanksOfTheSortedLatencies() {
        long[] millis = LongStream.rangeClosed(1, 200).map(i -> (201 - i) * 1_000_000L).toArray();
        Latencies latencies = new Latencies(millis, 2_000_000_000L);

        assertEquals(100.0, latencies.percentileMillis(50));
        assertEquals(198.0, latencies.percentileMillis(99));
        assertEquals(200.0, latencies.percentileMillis(100));
        assertEquals(100.0, latencies.perSecond());
    }

    @Test
    void aSingleLatencyIsEveryPercentile() {
        Latencies latencies = new Latencies(new long[] {3_500_000L}, 1_000_000_000L);

        assertEquals(3.5, latencies.percentileMillis(50));
        assertEquals(3.5, latencies.percentileMillis(99));
    }
}

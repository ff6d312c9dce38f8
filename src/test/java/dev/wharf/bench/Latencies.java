package dev.wharf.bench;

import java.util.Arrays;

/** Client-side latencies of one measured run, in nanoseconds, and the run's wall time. */
record Latencies(long[] nanos, long wallNanos) {
    /** Operations per second over the wall time. */
    double perSecond() {
        return nanos.length / (wallNanos / 1e9);
    }

    double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100, nearest rank), in milliseconds. */
    double percentileMillis(double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}

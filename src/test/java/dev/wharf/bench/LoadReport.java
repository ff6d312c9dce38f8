package dev.wharf.bench;

import java.util.Optional;

/**
 * What a load generator ({@link Wrk}, or {@link Ab} for {@code HEAD}s) reports of one timed run: the requests it
 * completed, the bytes it read, the run's length, the answers with an error status, its transport errors (with the
 * tool's own breakdown) and the latencies' p50 and p99.
 */
record LoadReport(long requests, long bytes, long micros, long badStatuses, long errors, String errorDetail,
        long p50Micros, long p99Micros) {

    /** Why the run cannot be reported as a measurement, if it cannot: error statuses, socket errors, no answer. */
    Optional<String> failure() {
        if (badStatuses > 0) {
            return Optional.of(badStatuses + " of " + requests + " answers had an error status");
        }
        if (errors > 0) {
            return Optional.of(errors + " socket errors (" + errorDetail + ")");
        }
        if (requests == 0) {
            return Optional.of("no request was answered");
        }
        return Optional.empty();
    }

    double seconds() {
        return micros / 1e6;
    }

    double perSecond() {
        return requests / seconds();
    }

    double p50Millis() {
        return p50Micros / 1e3;
    }

    double p99Millis() {
        return p99Micros / 1e3;
    }
}

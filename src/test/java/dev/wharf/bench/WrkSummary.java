package dev.wharf.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact counters of one {@code wrk} run, from the line the Lua {@code done()} of {@link Wrk} prints
 * ({@code wrk-summary requests=… bytes=… duration_us=… connect=… read=… write=… timeout=… status=… p50_us=…
 * p99_us=…}) rather than from wrk's rounded human summary. {@code status} counts answers with a status of 400 or more (wrk's
 * "Non-2xx or 3xx responses"), the four before it wrk's socket errors.
 */
record WrkSummary(long requests, long bytes, long micros, long connectErrors, long readErrors, long writeErrors,
        long timeouts, long badStatuses, long p50Micros, long p99Micros) {
    static final String PREFIX = "wrk-summary ";
    private static final List<String> KEYS = List.of("requests", "bytes", "duration_us", "connect", "read", "write",
            "timeout", "status", "p50_us", "p99_us");

    /** The summary in wrk's {@code output}; fails when the line is missing or incomplete. */
    static WrkSummary parse(String output) {
        String line = output.lines().filter(candidate -> candidate.startsWith(PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no " + PREFIX.strip() + " line"));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
            String[] keyValue = pair.split("=", 2);
            try {
                values.put(keyValue[0], Long.parseLong(keyValue[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException("cannot read " + pair + " in " + line);
            }
        }
        if (!values.keySet().containsAll(KEYS)) {
            throw new IllegalStateException("wrk's summary lacks one of " + KEYS + ": " + line);
        }
        long[] v = KEYS.stream().mapToLong(values::get).toArray();
        return new WrkSummary(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    /** Why the run cannot be reported as a measurement, if it cannot: error statuses, socket errors, no answer. */
    Optional<String> failure() {
        if (badStatuses > 0) {
            return Optional.of(badStatuses + " of " + requests + " answers had a status of 400 or more");
        }
        long socketErrors = connectErrors + readErrors + writeErrors + timeouts;
        if (socketErrors > 0) {
            return Optional.of("socket errors: connect " + connectErrors + ", read " + readErrors + ", write "
                    + writeErrors + ", timeout " + timeouts);
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

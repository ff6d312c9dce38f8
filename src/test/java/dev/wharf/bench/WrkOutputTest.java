package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * wrk's output as the benchmark reads it (samples from wrk 4.1 runs with the benchmark's Lua {@code done()}): the exact
 * counters, and a failure for error statuses, socket errors or no answer at all, so that none is reported as a fast
 * server.
 */
class WrkOutputTest {
    private static final String SUCCESS = """
            Running 1s test @ http://127.0.0.1:44709/v2/bench/small/tags/list
              1 threads and 4 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    25.17ms   23.78ms 129.43ms   85.65%
                Req/Sec   192.00    139.24   460.00     80.00%
              Latency Distribution
                 50%   17.81ms
                 75%   33.65ms
                 90%   56.03ms
                 99%  108.29ms
              193 requests in 1.01s, 47.50KB read
            Requests/sec:    190.24
            Transfer/sec:     46.82KB
            wrk-summary requests=193 bytes=48636 duration_us=1014485 connect=0 read=0 write=0 timeout=0 status=0 \
            p50_us=17812 p99_us=108295
            """;

    private static final String NOT_FOUND = """
            Running 1s test @ http://127.0.0.1:58123/v2/bench/manifests/nope
              1 threads and 4 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     5.25ms   17.28ms 141.10ms   93.61%
                Req/Sec     9.97k     3.80k   18.95k    81.82%
              Latency Distribution
                 50%  246.00us
                 75%    1.33ms
                 90%    9.03ms
                 99%  100.67ms
              10997 requests in 1.13s, 2.49MB read
              Non-2xx or 3xx responses: 10997
            Requests/sec:   9726.45
            Transfer/sec:      2.20MB
            wrk-summary requests=10997 bytes=2606289 duration_us=1130628 connect=0 read=0 write=0 timeout=0 \
            status=10997 p50_us=246 p99_us=100669
            """;

    private static final String NOT_HTTP = """
            Running 1s test @ http://127.0.0.1:58126/v2/
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     0.00us    0.00us   0.00us    -nan%
                Req/Sec     0.00      0.00     0.00      -nan%
              Latency Distribution
                 50%    0.00us
                 75%    0.00us
                 90%    0.00us
                 99%    0.00us
              0 requests in 1.02s, 0.00B read
              Socket errors: connect 0, read 801, write 0, timeout 0
            Requests/sec:      0.00
            Transfer/sec:       0.00B
            wrk-summary requests=0 bytes=0 duration_us=1020203 connect=0 read=801 write=0 timeout=0 status=0 \
            p50_us=0 p99_us=0
            """;

    @Test
    void aSuccessfulRunGivesItsExactCountersAndNoFailure() {
        LoadReport summary = Wrk.parse(SUCCESS);

        assertEquals(193, summary.requests());
        assertEquals(48636, summary.bytes());
        assertEquals(190.25, summary.perSecond(), 0.01);
        assertEquals(17.812, summary.p50Millis(), 1e-9);
        assertEquals(108.295, summary.p99Millis(), 1e-9);
        assertEquals(Optional.empty(), summary.failure());
    }

    @Test
    void errorStatusesFailTheRunHoweverFastTheyCame() {
        LoadReport summary = Wrk.parse(NOT_FOUND);

        assertEquals(10997, summary.badStatuses());
        assertEquals(Optional.of("10997 of 10997 answers had an error status"), summary.failure());
    }

    @Test
    void socketErrorsFailTheRun() {
        assertEquals(Optional.of("801 socket errors (connect 0, read 801, write 0, timeout 0)"),
                Wrk.parse(NOT_HTTP).failure());
    }

    @Test
    void aRunWithoutAnyAnswerFails() {
        // wrk 4.1 HEAD on a blob with a non-zero Content-Length: it waits for a body that never comes
        LoadReport summary = Wrk.parse(SUCCESS.replace("requests=193", "requests=0"));

        assertEquals(Optional.of("no request was answered"), summary.failure());
    }

    @Test
    void outputWithoutTheSummaryLineOrWithPartOfItIsRejected() {
        String human = SUCCESS.lines().filter(line -> !line.startsWith(Wrk.PREFIX))
                .reduce("", (all, line) -> all + line + "\n");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Wrk.parse(human));
        assertTrue(missing.getMessage().contains("no wrk-summary line"), missing.getMessage());

        assertThrows(IllegalStateException.class, () -> Wrk.parse(SUCCESS.replace(" p99_us=108295", "")));
        assertThrows(IllegalStateException.class, () -> Wrk.parse(SUCCESS.replace("status=0", "status=x")));
    }
}

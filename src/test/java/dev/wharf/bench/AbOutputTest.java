package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ApacheBench's output as the benchmark reads it (samples from {@code ab -k -i -e} runs, its percentile file cut to a
 * few lines): the counts and microsecond percentiles, and a failure for non-2xx answers or connections closed without
 * an answer, which ab itself counts as complete requests.
 */
class AbOutputTest {
    private static final String SUCCESS = """
            This is ApacheBench, Version 2.3 <$Revision$>
            Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
            Licensed to The Apache Software Foundation, http://www.apache.org/

            Benchmarking 127.0.0.1 (be patient)


            Server Software:
            Server Hostname:        127.0.0.1
            Server Port:            58123

            Document Path:          /v2/bench/blobs/sha256:101c2f7471e66e2abb40ad805b6af30ebeb0587e486e478c4955acdb9d511b6c
            Document Length:        0 bytes

            Concurrency Level:      4
            Time taken for tests:   1.001 seconds
            Complete requests:      757
            Failed requests:        0
            Keep-Alive requests:    757
            Total transferred:      289174 bytes
            HTML transferred:       0 bytes
            Requests per second:    756.57 [#/sec] (mean)
            Time per request:       5.287 [ms] (mean)
            Time per request:       1.322 [ms] (mean, across all concurrent requests)
            Transfer rate:          282.24 [Kbytes/sec] received

            Percentage of the requests served within a certain time (ms)
              50%      2
              99%     76
             100%    184 (longest request)
            """;
    private static final String SUCCESS_CSV = """
            Percentage served,Time in ms
            0,0.405
            1,0.450
            49,1.830
            50,1.873
            98,56.120
            99,75.564
            100,184.133
            """;

    private static final String NOT_FOUND = """
            Concurrency Level:      4
            Time taken for tests:   1.000 seconds
            Complete requests:      1904
            Failed requests:        0
            Non-2xx responses:      1904
            Keep-Alive requests:    1904
            Total transferred:      245616 bytes
            HTML transferred:       0 bytes
            Requests per second:    1903.30 [#/sec] (mean)
            """;

    /** Half of the connections closed by the server before any answer (ab without -k would not notice at all). */
    private static final String CLOSED = """
            Concurrency Level:      2
            Time taken for tests:   1.002 seconds
            Complete requests:      3496
            Failed requests:        0
            Keep-Alive requests:    0
            Total transferred:      99636 bytes
            """;

    @Test
    void aSuccessfulRunGivesCountsAndMicrosecondPercentiles() {
        LoadReport report = Ab.parse(SUCCESS, SUCCESS_CSV);

        assertEquals(757, report.requests());
        assertEquals(289174, report.bytes());
        assertEquals(756.24, report.perSecond(), 0.01);
        assertEquals(1.873, report.p50Millis(), 1e-9);
        assertEquals(75.564, report.p99Millis(), 1e-9);
        assertEquals(Optional.empty(), report.failure());
    }

    @Test
    void nonSuccessAnswersFailTheRun() {
        assertEquals(Optional.of("1904 of 1904 answers had an error status"),
                Ab.parse(NOT_FOUND, SUCCESS_CSV).failure());
    }

    @Test
    void connectionsClosedWithoutAnAnswerFailTheRun() {
        assertEquals(Optional.of("3496 socket errors (failed 0, write errors 0, closed without keep-alive 3496)"),
                Ab.parse(CLOSED, SUCCESS_CSV).failure());
    }

    @Test
    void failedRequestsFailTheRunWithAbsBreakdown() {
        String failed = SUCCESS.replace("Failed requests:        0", """
                Failed requests:        3
                   (Connect: 0, Receive: 3, Length: 0, Exceptions: 0)""");

        assertEquals(Optional.of("3 socket errors (Connect: 0, Receive: 3, Length: 0, Exceptions: 0, write errors 0, "
                + "closed without keep-alive 0)"), Ab.parse(failed, SUCCESS_CSV).failure());
    }

    @Test
    void aMissingFigureIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> Ab.parse(SUCCESS.replace("Keep-Alive requests:    757\n", ""), SUCCESS_CSV));
        assertThrows(IllegalStateException.class, () -> Ab.parse(SUCCESS, SUCCESS_CSV.replace("99,75.564\n", "")));
    }
}

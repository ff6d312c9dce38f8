package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The server's CPU figure: seconds for a counted run, per unit of work for a timed one. */
class OutcomeTest {
    @Test
    void aCountedRunReportsCpuSeconds() {
        assertEquals(Figure.cost("server CPU s", 1.5), Outcome.counted(Figure.rate("MiB/s", 100)).cpu(1.5));
    }

    @Test
    void aTimedRunReportsCpuPerUnitOfWork() {
        Outcome reads = Outcome.timed(Outcome.Work.requests(20_000), Figure.rate("req/s", 2000));
        assertEquals(Figure.cost("server CPU ms per 1k req", 150.0), reads.cpu(3.0));

        Outcome pull = Outcome.timed(Outcome.Work.bytes(4L << 30), Figure.rate("MiB/s", 400));
        assertEquals(Figure.cost("server CPU s per GiB", 0.5), pull.cpu(2.0));
    }

    @Test
    void s3RequestsAreTotalsForACountedRunAndPerUnitForATimedOne() {
        assertEquals(Figure.cost("S3 requests", 51), Outcome.counted(Figure.rate("images/s", 3)).s3Requests(51));
        Outcome reads = Outcome.timed(Outcome.Work.requests(20_000), Figure.rate("req/s", 2000));
        assertEquals(Figure.cost("S3 requests per 1k req", 1500.0), reads.s3Requests(30_000));
    }
}

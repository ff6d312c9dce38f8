package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The startup figure is the median of the starts, and {@code --starts} is at least one. */
class StartupMedianTest {
    @Test
    void theMedianIgnoresOneSlowStart() {
        assertEquals(1.3, Benchmark.median(List.of(2.2, 1.2, 1.3, 1.4, 1.25)));
        assertEquals(2.2, Benchmark.median(List.of(2.2)));
        assertEquals(1.5, Benchmark.median(List.of(2.0, 1.0)));
    }

    @Test
    void theFullRunStartsFiveTimesAndTheQuickOneOnce() {
        assertEquals(5, BenchOptions.parse(List.of()).starts());
        assertEquals(1, BenchOptions.quick().starts());
        assertEquals(3, BenchOptions.parse(List.of("--quick", "--starts", "3")).starts());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--starts", "0")));
    }
}

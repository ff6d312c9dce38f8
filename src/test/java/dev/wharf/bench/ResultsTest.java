package dev.wharf.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's table: ratios, n/a where one program failed, and the order the scenarios ran in. */
class ResultsTest {
    @Test
    void aScenarioThatFailedOnOneProgramShowsNaThereAndKeepsItsPlace() {
        Results results = new Results();
        results.fail("s3", "push", Server.Program.WHARF, new IllegalStateException("500 from PUT"));
        results.add("s3", "pull", Server.Program.WHARF, Figure.rate("MiB/s", 300));
        results.add("s3", "push", Server.Program.REFERENCE, Figure.rate("MiB/s", 50));
        results.add("s3", "pull", Server.Program.REFERENCE, Figure.rate("MiB/s", 100));

        List<String> lines = results.table().lines().filter(line -> line.contains("MiB/s")).toList();

        assertEquals(2, lines.size(), results.table());
        assertTrue(lines.get(0).matches("push\\s+MiB/s\\s+n/a\\s+50\\s+n/a"), lines.get(0));
        assertTrue(lines.get(1).matches("pull\\s+MiB/s\\s+300\\s+100\\s+3x"), lines.get(1));
        assertEquals(List.of("n/a: Wharf, s3, push: java.lang.IllegalStateException: 500 from PUT"),
                results.failures());
        assertEquals(List.of("pull"), results.scenarios("s3", Server.Program.WHARF));
    }

    @Test
    void costsSayThatLowerIsBetterAndNumbersKeepThreeSignificantDigits() {
        assertEquals("0.0123", Results.format(0.012345));
        assertEquals("1.23", Results.format(1.2345));
        assertEquals("1235", Results.format(1234.5));
        assertEquals("16", Results.format(16));

        Results results = new Results();
        results.add("filesystem", "pull", Server.Program.WHARF, Figure.cost("server CPU s", 0.5));
        results.add("filesystem", "pull", Server.Program.REFERENCE, Figure.cost("server CPU s", 2));
        assertTrue(results.table().contains("server CPU s (lower is better)"), results.table());
        assertTrue(results.table().contains("0.250x"), results.table());
    }
}

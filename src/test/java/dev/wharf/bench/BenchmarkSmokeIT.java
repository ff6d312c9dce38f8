package dev.wharf.bench;

import dev.wharf.testsupport.ExternalTools;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's quick run ({@code --quick}: tiny sizes, one-second wrk runs, no warm-up runs) on filesystem storage
 * against the packaged jar and {@code docker-registry}: every scenario must produce figures for both programs (a wrk
 * or ab run with error statuses or socket errors is a failure, not a figure). No timing is asserted; the
 * table is printed for the record.
 */
class BenchmarkSmokeIT {
    private static final List<String> SCENARIOS = List.of("startup", "push blobs monolithic", "push blobs in chunks",
            "pull blobs", "push small images", "GET manifest by tag", "HEAD blob", "GET tags/list", "catalog walk",
            "GET manifest by tag (htpasswd)", "HEAD blob (htpasswd)", "GET tags/list (htpasswd)");

    @Test
    void everyScenarioHasFiguresForBothPrograms() throws Exception {
        ExternalTools.require("docker-registry");
        ExternalTools.require("htpasswd");
        ExternalTools.require("wrk");
        ExternalTools.require("ab");
        Results results = new Benchmark(BenchOptions.parse(List.of("--quick", "--storage", "filesystem"))).run();
        String table = results.table();
        System.out.println(table);

        assertEquals(List.of(), results.failures(), table);
        for (Server.Program program : Server.Program.COMPARED) {
            assertEquals(SCENARIOS, results.scenarios("filesystem", program), program.label + table);
        }
        // the floor is optional where cc or OpenSSL's headers are missing, but not under CI=true (.ci/run installs them)
        if (Floor.binary().isPresent() || "true".equalsIgnoreCase(System.getenv("CI"))) {
            assertEquals(List.of("push blobs monolithic", "pull blobs"),
                    results.scenarios("filesystem", Server.Program.FLOOR), table);
        }
        assertTrue(table.contains("server CPU s (") && table.contains("peak RSS MiB"), table);
        // the timed scenarios (wrk, ab) report the server's CPU per unit of work, comparable between the two programs
        assertTrue(table.lines().anyMatch(line -> line.matches("pull blobs\\s+server CPU s per GiB .*")), table);
        assertTrue(table.lines().anyMatch(line -> line.matches(
                "HEAD blob \\(htpasswd\\)\\s+server CPU ms per 1k req .*")), table);
    }
}

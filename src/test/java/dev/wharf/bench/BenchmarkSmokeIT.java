package dev.wharf.bench;

import dev.wharf.testsupport.ExternalTools;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's quick run ({@code --quick}: tiny sizes, no warm-up) on filesystem storage against the packaged jar
 * and {@code docker-registry}: every scenario must produce figures for both programs. No timing is asserted; the
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
        Results results = new Benchmark(BenchOptions.parse(List.of("--quick", "--storage", "filesystem"))).run();
        String table = results.table();
        System.out.println(table);

        assertEquals(List.of(), results.failures(), table);
        for (Server.Program program : Server.Program.values()) {
            assertEquals(SCENARIOS, results.scenarios("filesystem", program), program.label + table);
        }
        assertTrue(table.contains("server CPU s") && table.contains("peak RSS MiB"), table);
    }
}

package dev.wharf.bench;

import java.util.List;

/**
 * One workload run against each registry. {@link #prepare} does what must exist before (not measured); {@link #run}
 * is measured: its figures, and the server's CPU seconds, peak RSS and S3 requests during it.
 */
interface Scenario {
    String name();

    default void prepare(Workload workload) throws Exception {
    }

    List<Figure> run(Workload workload) throws Exception;
}

package dev.wharf.bench;

/**
 * One workload run against each registry. {@link #prepare} does what must exist before (not measured); {@link #run}
 * is measured: its figures, and the server's CPU (in seconds, or per unit of work for a timed run: {@link Outcome}),
 * peak RSS and S3 requests during it.
 */
interface Scenario {
    String name();

    default void prepare(Workload workload) throws Exception {
    }

    Outcome run(Workload workload) throws Exception;
}

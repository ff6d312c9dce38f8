package dev.wharf.bench;

import dev.wharf.testsupport.Htpasswd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Wharf against Debian's {@code docker-registry} (distribution 2.8.2, {@code registry:2}) on the same machine, storage
 * and settings, one program after the other: startup and idle RSS, large-blob pushes and pulls, small-image pushes,
 * the reads a rollout makes (also with htpasswd), and a catalog walk, each with the server's CPU (seconds, or per unit
 * of work for the timed pulls and reads), peak RSS and (on S3) S3 requests. The pulls and reads are driven by
 * {@link Wrk} (and {@link Ab} for HEADs), the rest by the {@link RegistryClient}. Prints one table with both figures
 * and their ratio. Usage: {@link BenchOptions#usage()}; how to run it: README.md, Development, and docs/performance.md.
 */
public final class Benchmark {
    static final String USER = "bench";
    static final String PASSWORD = "bench-password";

    private final BenchOptions options;
    private final Results results = new Results();

    Benchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Benchmark: " + options);
        Results results = new Benchmark(options).run();
        System.out.println(results.table());
        System.exit(results.failures().isEmpty() ? 0 : 1);
    }

    /** Runs every scenario on every storage of the options, Wharf first, then docker-registry. */
    Results run() throws Exception {
        for (String storage : options.storages()) {
            for (Server.Program program : Server.Program.COMPARED) {
                try (BenchStorage fresh = BenchStorage.create(storage, options.s3proxyHeap())) {
                    runAll(program, fresh);
                }
            }
            if (storage.equals("filesystem")) {
                runFloor();
            }
        }
        return results;
    }

    /**
     * The large-blob push (monolithic) and pull against the {@link Floor}, with the same client and sizes: what this
     * machine allows any server. Left out when the floor cannot be built here.
     */
    private void runFloor() throws Exception {
        Optional<Path> binary = Floor.binary();
        if (binary.isEmpty()) {
            return;
        }
        System.out.println("== the floor on filesystem");
        try (BenchStorage fresh = BenchStorage.create("filesystem", options.s3proxyHeap());
             Server floor = Server.floor(binary.get(), fresh)) {
            Workload workload = new Workload(options, new RegistryClient(floor.base(), Optional.empty()), "bench");
            for (Scenario scenario : List.of(new LargeBlobPush(false), new LargeBlobPull())) {
                measure(Server.Program.FLOOR, fresh, floor, workload, scenario);
            }
        }
    }

    private void runAll(Server.Program program, BenchStorage storage) throws Exception {
        System.out.println("== " + program.label + " on " + storage.kind());
        Workload workload;
        List<Double> startups = new ArrayList<>();
        try (Server server = Server.start(program, storage, Optional.empty())) {
            startups.add(server.startupSeconds());
            // replaced by the median of all starts at the end, in the same row
            results.add(storage.kind(), "startup", program, Figure.cost("seconds", server.startupSeconds()));
            Thread.sleep(options.idleMillis());
            results.add(storage.kind(), "startup", program, Figure.cost("idle RSS MiB",
                    ServerStats.rssMib(server.pid())));
            RegistryClient client = new RegistryClient(server.base(), Optional.empty());
            warmUp(client, "warmup", scenarios());
            workload = new Workload(options, client, "bench");
            for (Scenario scenario : scenarios()) {
                measure(program, storage, server, workload, scenario);
            }
        }
        Path htpasswd = storage.file("htpasswd");
        Htpasswd.setUser(htpasswd, USER, PASSWORD);
        try (Server server = Server.start(program, storage, Optional.of(htpasswd))) {
            RegistryClient client = new RegistryClient(server.base(), Optional.of(Htpasswd.basic(USER, PASSWORD)));
            // a fresh process: the first one's warm-up, pushes too (on S3 a read runs the same SDK code as they do),
            // but for the catalog walk, which is not measured here (and would walk the 300 repositories by now)
            warmUp(client, "warmupauth", scenarios().stream().filter(scenario -> !(scenario instanceof CatalogWalk))
                    .toList());
            workload.client = client;
            for (Scenario scenario : authenticatedReads()) {
                measure(program, storage, server, workload, scenario);
            }
        }
        // the other starts last, so that their processes' memory and CPU disturb none of the measured scenarios
        for (int start = 1; start < options.starts(); start++) {
            try (Server server = Server.start(program, storage, Optional.empty())) {
                startups.add(server.startupSeconds());
            }
        }
        results.add(storage.kind(), "startup", program, Figure.cost("seconds", median(startups)));
    }

    /** The {@code --warmup-runs} unmeasured runs of {@code scenarios}, each in a namespace of its own. */
    private void warmUp(RegistryClient client, String namespace, List<Scenario> scenarios) {
        for (int run = 0; run < options.warmupRuns(); run++) {
            runUnmeasured(scenarios, new Workload(BenchOptions.warmup(), client, namespace + run));
        }
    }

    /**
     * The middle one of {@code values} (the mean of the two middle ones for an even count): one start alone is at the
     * mercy of whatever else the machine did in those two seconds (two full runs' single starts took 2.15 and 2.20 s
     * where {@code scripts/startup.py}'s medians of 5-7 starts were 1.2-1.4 s).
     */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void runUnmeasured(List<Scenario> scenarios, Workload warmup) {
        for (Scenario scenario : scenarios) {
            try {
                scenario.prepare(warmup);
                scenario.run(warmup);
            } catch (Exception e) {
                // the measured run fails the same way and reports it
            }
        }
    }

    /** Every scenario without authentication, in the order they depend on each other. */
    private static List<Scenario> scenarios() {
        return List.of(new LargeBlobPush(false), new LargeBlobPush(true), new LargeBlobPull(), new SmallImagePush(),
                new ReadRequests(ReadRequests.Kind.MANIFEST_GET, ""), new ReadRequests(ReadRequests.Kind.BLOB_HEAD, ""),
                new ReadRequests(ReadRequests.Kind.TAGS_LIST, ""), new CatalogWalk());
    }

    /** The reads measured again on a server that authenticates every request (htpasswd). */
    private static List<Scenario> authenticatedReads() {
        return Arrays.stream(ReadRequests.Kind.values()).<Scenario>map(kind -> new ReadRequests(kind, " (htpasswd)"))
                .toList();
    }

    /**
     * Prepares the scenario, then runs it between two readings of the server's counters; the CPU used between them is
     * reported as the {@link Outcome} says (seconds, or per unit of work).
     */
    private void measure(Server.Program program, BenchStorage storage, Server server, Workload workload,
            Scenario scenario) {
        String name = scenario.name();
        System.out.println("   " + name);
        try {
            scenario.prepare(workload);
            long pid = server.pid();
            ServerStats.resetPeak(pid);
            storage.resetS3Requests();
            double cpu = ServerStats.cpuSeconds(pid);
            Outcome outcome = scenario.run(workload);
            double cpuUsed = ServerStats.cpuSeconds(pid) - cpu;
            OptionalInt s3 = storage.s3Requests();
            outcome.figures().forEach(figure -> results.add(storage.kind(), name, program, figure));
            results.add(storage.kind(), name, program, outcome.cpu(cpuUsed));
            results.add(storage.kind(), name, program, Figure.cost("peak RSS MiB", ServerStats.peakRssMib(pid)));
            s3.ifPresent(requests -> results.add(storage.kind(), name, program, outcome.s3Requests(requests)));
        } catch (Exception e) {
            results.fail(storage.kind(), name, program, e);
        }
    }
}

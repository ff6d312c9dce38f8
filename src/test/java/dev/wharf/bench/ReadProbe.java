package dev.wharf.bench;

import dev.wharf.testsupport.Htpasswd;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read scenario alone, round after round, for the JIT's warm-up curve and A/B measurements of one change:
 * {@code ReadProbe <filesystem|s3> <wharf|reference> <manifest|head|tags> <open|htpasswd> <seconds> <rounds>} starts
 * the program (Wharf from {@code target/quarkus-app} of the working directory) on fresh storage, pushes the
 * benchmark's small images with the server open, restarts it with htpasswd when asked (as the benchmark's second
 * process), then measures {@code rounds} runs of {@code seconds} each, printing req/s, server CPU per 1,000 requests
 * and S3 requests per 1,000 requests.
 */
public final class ReadProbe {
    private ReadProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Server.Program program = args[1].equals("wharf") ? Server.Program.WHARF : Server.Program.REFERENCE;
        ReadRequests.Kind read = switch (args[2]) {
            case "manifest" -> ReadRequests.Kind.MANIFEST_GET;
            case "head" -> ReadRequests.Kind.BLOB_HEAD;
            default -> ReadRequests.Kind.TAGS_LIST;
        };
        boolean htpasswd = args[3].equals("htpasswd");
        int seconds = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        BenchOptions options = BenchOptions.parse(List.of("--read-seconds", Integer.toString(seconds),
                "--warmup-seconds", "0"));
        try (BenchStorage storage = BenchStorage.create(kind, "1g")) {
            Workload workload = new Workload(options, null, "bench");
            try (Server server = Server.start(program, storage, Optional.empty())) {
                workload.client = new RegistryClient(server.base(), Optional.empty());
                SmallImagePush push = new SmallImagePush();
                push.prepare(workload);
                push.run(workload);
                if (!htpasswd) {
                    measure(storage, server, workload, read, rounds, seconds);
                    return;
                }
            }
            Path file = storage.file("htpasswd");
            Htpasswd.setUser(file, Benchmark.USER, Benchmark.PASSWORD);
            try (Server server = Server.start(program, storage, Optional.of(file))) {
                workload.client = new RegistryClient(server.base(), Optional.of(Htpasswd.basic(Benchmark.USER,
                        Benchmark.PASSWORD)));
                measure(storage, server, workload, read, rounds, seconds);
            }
        } finally {
            System.exit(0);
        }
    }

    private static void measure(BenchStorage storage, Server server, Workload workload, ReadRequests.Kind read,
            int rounds, int seconds) throws Exception {
        ReadRequests scenario = new ReadRequests(read, "");
        scenario.prepare(workload);
        for (int round = 0; round < rounds; round++) {
            storage.resetS3Requests();
            Map<String, Double> threads = ServerStats.cpuSecondsByThread(server.pid());
            double cpu = ServerStats.cpuSeconds(server.pid());
            Outcome outcome = scenario.run(workload);
            double used = ServerStats.cpuSeconds(server.pid()) - cpu;
            double rate = outcome.figures().get(0).value();
            double requests = rate * seconds;
            String s3 = storage.s3Requests().isPresent()
                    ? String.format("%.0f", 1000 * storage.s3Requests().getAsInt() / requests) : "-";
            System.out.printf("RESULT round %d: %.0f req/s, CPU %.0f ms per 1k, S3 %s per 1k, p99 %.1f ms%n", round,
                    rate, 1e6 * used / requests, s3, outcome.figures().get(2).value());
            Map<String, Double> after = ServerStats.cpuSecondsByThread(server.pid());
            StringBuilder line = new StringBuilder("  threads (CPU s):");
            after.forEach((name, total) -> {
                double delta = total - threads.getOrDefault(name, 0.0);
                if (delta >= 0.05) {
                    line.append(String.format(" %s %.2f", name, delta));
                }
            });
            System.out.println(line);
        }
    }
}

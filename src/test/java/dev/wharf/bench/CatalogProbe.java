package dev.wharf.bench;

import dev.wharf.testsupport.CountingHttpProxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog walk alone, for A/B measurements of one change: {@code CatalogProbe <filesystem|s3> <wharf|reference>
 * <repositories> <page> <walks> <rounds>} starts the program (Wharf from {@code target/quarkus-app} of the working
 * directory) on fresh storage, pushes one small image and fills the catalog as the benchmark's {@link CatalogWalk}
 * does, walks it {@code walks} times unmeasured (JIT warm-up), then {@code rounds} times {@code walks} walks in pages
 * of {@code page}, printing walks/s, p50, server CPU, S3 requests and S3Proxy's CPU per walk, and the S3 requests
 * of one more walk by shape (whatever the prefix).
 */
public final class CatalogProbe {
    private CatalogProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Server.Program program = args[1].equals("wharf") ? Server.Program.WHARF : Server.Program.REFERENCE;
        BenchOptions options = BenchOptions.parse(List.of("--quick", "--images", "1", "--image-concurrency", "1",
                "--repositories", args[2], "--catalog-page", args[3], "--walks", args[4]));
        int rounds = Integer.parseInt(args[5]);
        try (BenchStorage storage = BenchStorage.create(kind, "1g");
                Server server = Server.start(program, storage, Optional.empty())) {
            Workload workload = new Workload(options, new RegistryClient(server.base(), Optional.empty()), "bench");
            SmallImagePush push = new SmallImagePush();
            push.prepare(workload);
            push.run(workload);
            CatalogWalk walk = new CatalogWalk();
            walk.prepare(workload);
            walk.run(workload);
            for (int round = 0; round < rounds; round++) {
                storage.resetS3Requests();
                double cpu = ServerStats.cpuSeconds(server.pid());
                double s3Cpu = s3ProxyCpu(storage);
                Outcome outcome = walk.run(workload);
                double used = ServerStats.cpuSeconds(server.pid()) - cpu;
                double s3Used = s3ProxyCpu(storage) - s3Cpu;
                String s3 = storage.s3Requests().isPresent()
                        ? String.format("%.1f", storage.s3Requests().getAsInt() / (double) options.walks()) : "-";
                System.out.printf("RESULT %s %s round %d: %.2f walks/s, p50 %.1f ms, CPU %.1f ms/walk, "
                                + "S3 requests/walk %s, S3Proxy CPU %.1f ms/walk%n", kind, program.label, round,
                        outcome.figures().get(0).value(), outcome.figures().get(1).value(),
                        1000 * used / options.walks(), s3, 1000 * s3Used / options.walks());
            }
            if (storage.s3Requests().isPresent()) {
                storage.resetS3Requests();
                workload.client.walkCatalog(options.catalogPage());
                Map<String, Long> shapes = storage.requests().stream()
                        .map(request -> CountingHttpProxy.shape(request).replaceAll("prefix=[^&]*", "prefix=<p>"))
                        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
                System.out.println("SHAPES " + storage.requests().size() + " requests for one walk:");
                shapes.forEach((shape, count) -> System.out.println("  x" + count + " " + shape));
            }
        }
        System.exit(0);
    }

    private static double s3ProxyCpu(BenchStorage storage) throws Exception {
        return storage.s3ProxyPid().isPresent() ? ServerStats.cpuSeconds(storage.s3ProxyPid().getAsLong()) : 0;
    }
}

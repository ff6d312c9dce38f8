package dev.wharf.bench;

import dev.wharf.testsupport.CountingHttpProxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The small-image push alone, for A/B measurements of one change: {@code SmallPushProbe <filesystem|s3>
 * <wharf|reference> <images> <rounds>} starts the program (Wharf from {@code target/quarkus-app} of the working
 * directory) on fresh storage, warms it up as the benchmark does, then pushes {@code images} small images
 * {@code rounds} times, printing images/s, server CPU seconds and S3 requests per image, and the S3 requests of one
 * more image pushed alone, by shape.
 */
public final class SmallPushProbe {
    private SmallPushProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Server.Program program = args[1].equals("wharf") ? Server.Program.WHARF : Server.Program.REFERENCE;
        int images = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        try (BenchStorage storage = BenchStorage.create(kind, "1g");
                Server server = Server.start(program, storage, Optional.empty())) {
            RegistryClient client = new RegistryClient(server.base(), Optional.empty());
            Workload warmup = new Workload(BenchOptions.warmup(), client, "warmup");
            SmallImagePush warm = new SmallImagePush();
            warm.prepare(warmup);
            warm.run(warmup);
            BenchOptions options = BenchOptions.parse(List.of("--quick", "--images", Integer.toString(images),
                    "--image-concurrency", "4"));
            for (int round = 0; round < rounds; round++) {
                Workload workload = new Workload(options, client, "round" + round);
                SmallImagePush push = new SmallImagePush();
                push.prepare(workload);
                storage.resetS3Requests();
                double cpu = ServerStats.cpuSeconds(server.pid());
                Outcome outcome = push.run(workload);
                double used = ServerStats.cpuSeconds(server.pid()) - cpu;
                String s3 = storage.s3Requests().isPresent()
                        ? String.format("%.1f", storage.s3Requests().getAsInt() / (double) images) : "-";
                System.out.printf("RESULT %s %s round %d: %.2f images/s, CPU %.2f s (%.1f ms/image), "
                                + "S3 requests/image %s%n", kind, program.label, round,
                        outcome.figures().get(0).value(), used, 1000 * used / images, s3);
            }
            Workload single = new Workload(BenchOptions.parse(List.of("--quick", "--images", "1",
                    "--image-concurrency", "1")), client, "single");
            SmallImagePush one = new SmallImagePush();
            one.prepare(single);
            storage.resetS3Requests();
            one.run(single);
            if (storage.s3Requests().isPresent()) {
                List<String> requests = storage.requests();
                Map<String, Long> shapes = requests.stream().map(CountingHttpProxy::shape).collect(
                        Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
                System.out.println("SHAPES " + requests.size() + " requests for one image:");
                requests.forEach(request -> System.out.println("  " + CountingHttpProxy.shape(request)));
                shapes.forEach((shape, count) -> System.out.println("  x" + count + " " + shape));
            }
        }
        System.exit(0);
    }
}

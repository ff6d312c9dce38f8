package dev.wharf.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes of one benchmark run: the defaults are the workload, {@code --quick} a few seconds' smoke run of every
 * scenario; {@code --<name> <value>} overrides one value (names as in {@link #FULL}).
 */
record BenchOptions(List<String> storages, int blobs, int blobMib, int chunkMib, int pushConcurrency, int pullSeconds,
        int images, int imageConcurrency, int readSeconds, int warmupSeconds, int readConcurrency, int repositories,
        int catalogPage, int walks, int idleMillis, int warmupRuns, String s3proxyHeap, int starts) {

    private static final Map<String, String> FULL = defaults("both", 8, 64, 8, 4, 10, 100, 4, 5, 2, 8, 300, 100, 10,
            2000, 1, "3g", 5);
    private static final Map<String, String> QUICK = defaults("both", 2, 2, 1, 2, 1, 5, 2, 1, 1, 4, 6, 4, 2, 200, 0,
            "512m", 1);

    static String usage() {
        return "usage: Benchmark [--quick] " + String.join(" ", FULL.keySet().stream()
                .map(name -> "[--" + name + " " + FULL.get(name) + "]").toList())
                + "\n  --storage: filesystem, s3 or both; sizes in MiB; -heap: S3Proxy's -Xmx (it keeps objects in memory);"
                + "\n  --pull-seconds, --read-seconds: length of the pull and of each read scenario"
                + " (wrk, ab for HEAD);"
                + "\n  --warmup-seconds: an unmeasured run before each read scenario (0: none);"
                + " --warmup-runs: quick runs of every scenario before measuring (JIT warm-up);"
                + "\n  --starts: the startup time is the median of this many starts";
    }

    static BenchOptions quick() {
        return parse(List.of("--quick"));
    }

    /**
     * One warm-up run of every scenario (unmeasured, before the measured ones): enough requests of each kind for the
     * JIT to compile the server's hot paths (a few hundred uploads and manifest PUTs, seconds of reads), so that the
     * measured runs time the program a long-running registry is, not its compiler. docker-registry gets the same.
     */
    static BenchOptions warmup() {
        return parse(List.of("--quick", "--blobs", "4", "--blob-mib", "16", "--chunk-mib", "4", "--images", "200",
                "--image-concurrency", "4", "--read-seconds", "2", "--read-concurrency", "8", "--repositories", "20",
                "--walks", "20"));
    }

    /** The options from {@code args}: the full run's, or with {@code --quick} the smoke run's, then overrides. */
    static BenchOptions parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>(args.contains("--quick") ? QUICK : FULL);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--quick")) {
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!values.containsKey(name) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown or incomplete option " + arg + "\n" + usage());
            }
            values.put(name, args.get(++i));
        }
        String storage = values.get("storage");
        List<String> storages = storage.equals("both") ? List.of("filesystem", "s3") : List.of(storage);
        if (!List.of("filesystem", "s3").containsAll(storages)) {
            throw new IllegalArgumentException("unknown storage " + storage + "\n" + usage());
        }
        if (number(values, "starts") < 1) {
            throw new IllegalArgumentException("--starts must be at least 1");
        }
        for (String timed : List.of("pull-seconds", "read-seconds")) {
            if (number(values, timed) < 1) {
                throw new IllegalArgumentException("--" + timed + " must be at least 1 (wrk and ab run whole seconds)");
            }
        }
        return new BenchOptions(storages, number(values, "blobs"), number(values, "blob-mib"),
                number(values, "chunk-mib"), number(values, "push-concurrency"), number(values, "pull-seconds"),
                number(values, "images"), number(values, "image-concurrency"), number(values, "read-seconds"),
                number(values, "warmup-seconds"), number(values, "read-concurrency"), number(values, "repositories"),
                number(values, "catalog-page"), number(values, "walks"), number(values, "idle-millis"),
                number(values, "warmup-runs"), values.get("s3proxy-heap"), number(values, "starts"));
    }

    private static int number(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number, not " + values.get(name));
        }
    }

    private static Map<String, String> defaults(String storage, int blobs, int blobMib, int chunkMib,
            int pushConcurrency, int pullSeconds, int images, int imageConcurrency, int readSeconds,
            int warmupSeconds, int readConcurrency, int repositories, int catalogPage, int walks, int idleMillis,
            int warmupRuns, String s3proxyHeap, int starts) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("storage", storage);
        values.put("blobs", Integer.toString(blobs));
        values.put("blob-mib", Integer.toString(blobMib));
        values.put("chunk-mib", Integer.toString(chunkMib));
        values.put("push-concurrency", Integer.toString(pushConcurrency));
        values.put("pull-seconds", Integer.toString(pullSeconds));
        values.put("images", Integer.toString(images));
        values.put("image-concurrency", Integer.toString(imageConcurrency));
        values.put("read-seconds", Integer.toString(readSeconds));
        values.put("warmup-seconds", Integer.toString(warmupSeconds));
        values.put("read-concurrency", Integer.toString(readConcurrency));
        values.put("repositories", Integer.toString(repositories));
        values.put("catalog-page", Integer.toString(catalogPage));
        values.put("walks", Integer.toString(walks));
        values.put("idle-millis", Integer.toString(idleMillis));
        values.put("warmup-runs", Integer.toString(warmupRuns));
        values.put("s3proxy-heap", s3proxyHeap);
        values.put("starts", Integer.toString(starts));
        return values;
    }
}

package dev.wharf.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes {@code blobs} blobs of {@code blob-mib} MiB, {@code push-concurrency} at a time, either each in one
 * {@code PUT} (monolithic) or in {@code PATCH}es of {@code chunk-mib} MiB. The pull takes the pushed ones.
 */
final class LargeBlobPush implements Scenario {
    private final boolean chunked;
    private final List<LargeBlob> blobs = new ArrayList<>();

    LargeBlobPush(boolean chunked) {
        this.chunked = chunked;
    }

    @Override
    public String name() {
        return "push blobs " + (chunked ? "in chunks" : "monolithic");
    }

    @Override
    public void prepare(Workload workload) {
        BenchOptions options = workload.options;
        byte[] shared = new byte[options.blobMib() * 1024 * 1024];
        new SecureRandom().nextBytes(shared);
        for (int i = 0; i < options.blobs(); i++) {
            blobs.add(LargeBlob.of((chunked ? 1L << 32 : 0) + i, shared));
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        BenchOptions options = workload.options;
        RegistryClient client = workload.client;
        int chunk = options.chunkMib() * 1024 * 1024;
        Latencies latencies = Load.run(blobs.size(), options.pushConcurrency(), i -> {
            LargeBlob blob = blobs.get(i);
            if (chunked) {
                client.pushChunked(workload.large(), blob, chunk);
            } else {
                client.pushMonolithic(workload.large(), blob.digest(), blob.body());
            }
            workload.pushedBlobs.add(blob);
        });
        return Outcome.counted(Figure.rate("MiB/s", (double) blobs.size() * options.blobMib()
                / latencies.wallSeconds()));
    }
}

package dev.wharf.bench;

import java.util.List;

/**
 * Pulls {@code blobs} of the pushed large blobs (the monolithic ones unless a push failed), {@code push-concurrency}
 * at a time, checking each one's length.
 */
final class LargeBlobPull implements Scenario {
    @Override
    public String name() {
        return "pull blobs";
    }

    @Override
    public List<Figure> run(Workload workload) throws Exception {
        List<LargeBlob> pushed = List.copyOf(workload.pushedBlobs);
        if (pushed.size() < workload.options.blobs()) {
            throw new IllegalStateException("only " + pushed.size() + " blobs were pushed");
        }
        List<LargeBlob> blobs = pushed.subList(0, workload.options.blobs());
        Latencies latencies = Load.run(blobs.size(), workload.options.pushConcurrency(), i -> {
            long read = workload.client.getBlob(workload.large(), blobs.get(i).digest());
            if (read != blobs.get(i).size()) {
                throw new IllegalStateException("pulled " + read + " bytes of " + blobs.get(i).size());
            }
        });
        double mib = blobs.stream().mapToLong(LargeBlob::size).sum() / (1024.0 * 1024.0);
        return List.of(Figure.rate("MiB/s", mib / latencies.wallSeconds()));
    }
}

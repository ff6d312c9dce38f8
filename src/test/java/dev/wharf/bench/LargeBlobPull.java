package dev.wharf.bench;

import java.util.List;
import java.util.Map;

/**
 * Pulls the first {@code blobs} of the pushed large blobs (the monolithic ones unless a push failed) for
 * {@code pull-seconds} with {@link Wrk}, {@code push-concurrency} connections taking the blobs in turn; MiB/s from the
 * bytes wrk read. {@link #prepare} pulls each blob once through the {@link RegistryClient} and checks its length; the
 * measured run checks that every complete answer brought a whole blob.
 */
final class LargeBlobPull implements Scenario {
    private static final double MIB = 1024.0 * 1024;

    private List<LargeBlob> blobs;

    @Override
    public String name() {
        return "pull blobs";
    }

    @Override
    public void prepare(Workload workload) throws Exception {
        List<LargeBlob> pushed = List.copyOf(workload.pushedBlobs);
        if (pushed.size() < workload.options.blobs()) {
            throw new IllegalStateException("only " + pushed.size() + " blobs were pushed");
        }
        blobs = pushed.subList(0, workload.options.blobs());
        for (LargeBlob blob : blobs) {
            long read = workload.client.getBlob(workload.large(), blob.digest());
            if (read != blob.size()) {
                throw new IllegalStateException("pulled " + read + " bytes of " + blob.size());
            }
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        List<String> paths = blobs.stream().map(blob -> "/v2/" + workload.large() + "/blobs/" + blob.digest())
                .toList();
        Map<String, String> headers = workload.client.authorization().map(value -> Map.of("Authorization", value))
                .orElse(Map.of());
        LoadReport report = Wrk.run(workload.client.base(), new Wrk.Request("GET", paths, headers),
                workload.options.pushConcurrency(), workload.options.pullSeconds());
        long blobSize = blobs.get(0).size();
        if (report.bytes() < report.requests() * blobSize) {
            throw new IllegalStateException("wrk read " + report.bytes() + " bytes in " + report.requests()
                    + " complete answers, less than a blob of " + blobSize + " bytes each (redirects or short bodies)");
        }
        return Outcome.timed(Outcome.Work.bytes(report.bytes()),
                Figure.rate("MiB/s", report.bytes() / MIB / report.seconds()));
    }
}

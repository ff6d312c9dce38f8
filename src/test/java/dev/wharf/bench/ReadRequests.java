package dev.wharf.bench;

import dev.wharf.testsupport.Manifests;

import java.util.List;

/**
 * {@code requests} reads of one kind on the first small image, {@code read-concurrency} at a time, after
 * {@code warmup} unmeasured ones: what a registry answers most when a deployment rolls out on many nodes.
 */
final class ReadRequests implements Scenario {
    /** The request a scenario repeats. */
    enum Kind {
        MANIFEST_GET("GET manifest by tag"), BLOB_HEAD("HEAD blob"), TAGS_LIST("GET tags/list");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String ACCEPT = String.join(",", Manifests.OCI_MANIFEST, Manifests.OCI_INDEX,
            Manifests.DOCKER_MANIFEST, Manifests.DOCKER_LIST);

    private final Kind kind;
    private final String suffix;

    /** {@code suffix}: added to the name, e.g. " (htpasswd)" when the server authenticates every request. */
    ReadRequests(Kind kind, String suffix) {
        this.kind = kind;
        this.suffix = suffix;
    }

    @Override
    public String name() {
        return kind.label + suffix;
    }

    @Override
    public void prepare(Workload workload) throws Exception {
        if (workload.smallTag == null) {
            throw new IllegalStateException("nothing to read: the small image push did not run");
        }
        Load.run(workload.options.warmup(), workload.options.readConcurrency(), i -> read(workload));
    }

    @Override
    public List<Figure> run(Workload workload) throws Exception {
        Latencies latencies = Load.run(workload.options.requests(), workload.options.readConcurrency(),
                i -> read(workload));
        return List.of(Figure.rate("req/s", latencies.perSecond()),
                Figure.cost("p50 ms", latencies.percentileMillis(50)),
                Figure.cost("p99 ms", latencies.percentileMillis(99)));
    }

    private void read(Workload workload) throws Exception {
        RegistryClient client = workload.client;
        switch (kind) {
            case MANIFEST_GET -> client.getManifest(workload.small(), workload.smallTag, ACCEPT);
            case BLOB_HEAD -> client.headBlob(workload.small(), workload.smallLayer);
            case TAGS_LIST -> client.listTags(workload.small());
        }
    }
}

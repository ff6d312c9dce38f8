package dev.wharf.bench;

import dev.wharf.testsupport.Manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of one kind on the first small image for {@code read-seconds} from {@code read-concurrency} keep-alive
 * connections, after one request through the {@link RegistryClient} that checks the answer's status and an unmeasured
 * {@code warmup-seconds} run: what a registry answers most when a deployment rolls out on many nodes. The {@code GET}s
 * come from {@link Wrk}, the blob {@code HEAD}s (of the small image's 4 KiB layer) from {@link Ab}, since wrk cannot
 * read a {@code HEAD} answer with a non-zero {@code Content-Length}.
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
        RegistryClient client = workload.client;
        switch (kind) {
            case MANIFEST_GET -> client.getManifest(workload.small(), workload.smallTag, ACCEPT);
            case BLOB_HEAD -> client.headBlob(workload.small(), workload.smallLayer);
            case TAGS_LIST -> client.listTags(workload.small());
        }
        if (workload.options.warmupSeconds() > 0) {
            load(workload, workload.options.warmupSeconds());
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        LoadReport report = load(workload, workload.options.readSeconds());
        return Outcome.timed(Outcome.Work.requests(report.requests()), Figure.rate("req/s", report.perSecond()),
                Figure.cost("p50 ms", report.p50Millis()), Figure.cost("p99 ms", report.p99Millis()));
    }

    private LoadReport load(Workload workload, int seconds) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        workload.client.authorization().ifPresent(value -> headers.put("Authorization", value));
        String base = workload.client.base();
        String repository = "/v2/" + workload.small();
        int connections = workload.options.readConcurrency();
        return switch (kind) {
            case MANIFEST_GET -> {
                headers.put("Accept", ACCEPT);
                yield Wrk.run(base, new Wrk.Request("GET", List.of(repository + "/manifests/" + workload.smallTag),
                        headers), connections, seconds);
            }
            case BLOB_HEAD -> Ab.head(base + repository + "/blobs/" + workload.smallLayer, headers, connections,
                    seconds);
            case TAGS_LIST -> Wrk.run(base, new Wrk.Request("GET", List.of(repository + "/tags/list"), headers),
                    connections, seconds);
        };
    }
}

package dev.wharf.bench;

import dev.wharf.testsupport.Manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of one kind on the first small image for {@code read-seconds}, {@code read-concurrency} connections of
 * {@link Wrk}, after an unmeasured {@code warmup-seconds} run and one request through the {@link RegistryClient} that
 * checks the answer's status: what a registry answers most when a deployment rolls out on many nodes.
 * <p>
 * The blob {@code HEAD} asks for the empty blob (pushed in {@link #prepare}), since wrk cannot read a {@code HEAD}
 * answer with a non-zero {@code Content-Length}; a registry does the same lookups for a blob of any size.
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

    static final String EMPTY_BLOB = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
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
            case BLOB_HEAD -> {
                client.pushMonolithic(workload.small(), EMPTY_BLOB, HttpConnection.Body.EMPTY);
                client.headBlob(workload.small(), EMPTY_BLOB);
            }
            case TAGS_LIST -> client.listTags(workload.small());
        }
        if (workload.options.warmupSeconds() > 0) {
            load(workload, workload.options.warmupSeconds());
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        WrkSummary summary = load(workload, workload.options.readSeconds());
        return Outcome.timed(Outcome.Work.requests(summary.requests()), Figure.rate("req/s", summary.perSecond()),
                Figure.cost("p50 ms", summary.p50Millis()), Figure.cost("p99 ms", summary.p99Millis()));
    }

    private WrkSummary load(Workload workload, int seconds) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        workload.client.authorization().ifPresent(value -> headers.put("Authorization", value));
        String repository = "/v2/" + workload.small();
        Wrk.Request request = switch (kind) {
            case MANIFEST_GET -> {
                headers.put("Accept", ACCEPT);
                yield new Wrk.Request("GET", List.of(repository + "/manifests/" + workload.smallTag), headers);
            }
            case BLOB_HEAD -> new Wrk.Request("HEAD", List.of(repository + "/blobs/" + EMPTY_BLOB), headers);
            case TAGS_LIST -> new Wrk.Request("GET", List.of(repository + "/tags/list"), headers);
        };
        return Wrk.run(workload.client.base(), request, workload.options.readConcurrency(), seconds);
    }
}

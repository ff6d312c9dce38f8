package dev.wharf.bench;

import dev.wharf.testsupport.Manifests;

/**
 * Fills the registry up to {@code repositories} repositories (each the first small image, its blobs mounted from
 * {@link Workload#small()}), then walks {@code /v2/_catalog} {@code walks} times in pages of
 * {@code catalog-page}, one walk at a time, as a mirror or a garbage collector lists a registry.
 */
final class CatalogWalk implements Scenario {
    private int expected;

    @Override
    public String name() {
        return "catalog walk";
    }

    @Override
    public void prepare(Workload workload) throws Exception {
        RegistryClient client = workload.client;
        if (workload.smallTag == null) {
            throw new IllegalStateException("nothing to copy into repositories: the small image push did not run");
        }
        String manifest = client.getManifest(workload.small(), workload.smallTag, Manifests.OCI_MANIFEST);
        int existing = client.walkCatalog(1000).size();
        expected = Math.max(existing, workload.options.repositories());
        for (int i = existing; i < expected; i++) {
            String repository = workload.namespace + "/catalog-%04d".formatted(i);
            client.mount(repository, workload.smallLayer, workload.small());
            client.mount(repository, workload.smallConfig, workload.small());
            client.putManifest(repository, "latest", Manifests.OCI_MANIFEST, manifest.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        Latencies latencies = Load.run(workload.options.walks(), 1, i -> {
            int listed = workload.client.walkCatalog(workload.options.catalogPage()).size();
            if (listed != expected) {
                throw new IllegalStateException("the catalog lists " + listed + " repositories, not " + expected);
            }
        });
        return Outcome.counted(Figure.rate("walks/s (" + expected + " repos)", latencies.perSecond()),
                Figure.cost("p50 ms", latencies.percentileMillis(50)));
    }
}

package dev.wharf.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the scenarios of one registry share: the options, the client of the server under test, and what earlier
 * scenarios pushed for later ones (the large blobs to pull, a small image to read).
 */
final class Workload {
    final BenchOptions options;
    /** The first component of every repository name, e.g. {@code bench} or {@code warmup}. */
    final String namespace;
    RegistryClient client;
    /** The large blobs pushed so far (each added once its push succeeded), pulled by the pull. */
    final List<LargeBlob> pushedBlobs = Collections.synchronizedList(new ArrayList<>());
    /** The first small image: its tag and its layer's and config's digests. */
    String smallTag;
    String smallLayer;
    String smallConfig;

    Workload(BenchOptions options, RegistryClient client, String namespace) {
        this.options = options;
        this.client = client;
        this.namespace = namespace;
    }

    /** The repository of the large blobs. */
    String large() {
        return namespace + "/large";
    }

    /** The repository of the small images. */
    String small() {
        return namespace + "/small";
    }
}

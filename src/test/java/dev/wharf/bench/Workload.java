package dev.wharf.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scenarios of one registry share: the options, the client of the server under test, and what earlier
 * scenarios pushed for later ones (the large blobs to pull, a small image to read).
 */
final class Workload {
    static final String LARGE_REPOSITORY = "bench/large";
    static final String SMALL_REPOSITORY = "bench/small";

    final BenchOptions options;
    RegistryClient client;
    /** Pushed by the monolithic push, pulled by the pull. */
    final List<LargeBlob> pushedBlobs = new ArrayList<>();
    /** The first small image: its tag and its layer's and config's digests. */
    String smallTag;
    String smallLayer;
    String smallConfig;

    Workload(BenchOptions options, RegistryClient client) {
        this.options = options;
        this.client = client;
    }
}

package dev.wharf.bench;

import dev.wharf.bench.HttpConnection.Body;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.TestBlobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Pushes {@code images} small images (a 4 KiB layer, a config, an OCI manifest tagged {@code image-<i>}) into one
 * repository, {@code image-concurrency} at a time, as {@code docker push} of a fresh image does: each blob in one
 * {@code PUT}, then the manifest. Times each whole image.
 */
final class SmallImagePush implements Scenario {
    private static final int LAYER_SIZE = 4096;

    private record Image(String tag, byte[] layer, byte[] config, byte[] manifest) {
    }

    private final List<Image> images = new ArrayList<>();

    @Override
    public String name() {
        return "push small images";
    }

    @Override
    public void prepare(Workload workload) {
        long seed = System.nanoTime();
        for (int i = 0; i < workload.options.images(); i++) {
            byte[] layer = TestBlobs.random(LAYER_SIZE, seed + i);
            byte[] config = TestBlobs.utf8("""
                    {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},\
                    "config":{"Labels":{"bench":"%d-%d"}}}""".formatted(TestBlobs.sha256(layer), seed, i));
            byte[] manifest = Manifests.ociManifest(Manifests.Ref.of(Manifests.OCI_CONFIG, config),
                    Manifests.Ref.of(Manifests.OCI_LAYER, layer));
            images.add(new Image("image-" + i, layer, config, manifest));
        }
    }

    @Override
    public Outcome run(Workload workload) throws Exception {
        RegistryClient client = workload.client;
        String repository = workload.small();
        Latencies latencies = Load.run(images.size(), workload.options.imageConcurrency(), i -> {
            Image image = images.get(i);
            client.pushMonolithic(repository, TestBlobs.sha256(image.layer()), Body.of(image.layer()));
            client.pushMonolithic(repository, TestBlobs.sha256(image.config()), Body.of(image.config()));
            client.putManifest(repository, image.tag(), Manifests.OCI_MANIFEST, image.manifest());
        });
        Image first = images.get(0);
        workload.smallTag = first.tag();
        workload.smallLayer = TestBlobs.sha256(first.layer());
        workload.smallConfig = TestBlobs.sha256(first.config());
        return Outcome.counted(Figure.rate("images/s", latencies.perSecond()),
                Figure.cost("p50 ms", latencies.percentileMillis(50)),
                Figure.cost("p99 ms", latencies.percentileMillis(99)));
    }
}

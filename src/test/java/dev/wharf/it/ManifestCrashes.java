package dev.wharf.it;

import dev.wharf.it.CrashHarness.Crash;
import dev.wharf.testsupport.TestBlobs;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.wharf.it.CrashHarness.OCI_MANIFEST;
import static dev.wharf.it.CrashHarness.statusUntilKilled;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The manifest rounds of {@link CrashSafetyIT}: Wharf killed while four clients move four tags to new manifests as
 * fast as they can, so that a kill lands in the middle of manifest and tag writes.
 */
final class ManifestCrashes {
    private final CrashHarness harness;
    private final Acknowledged acknowledged;

    ManifestCrashes(CrashHarness harness) {
        this.harness = harness;
        this.acknowledged = harness.acknowledged;
    }

    /** Four clients move four tags to new manifests as fast as they can; the kill comes after 100-500 ms. */
    Crash manifestBurst(int round) throws Exception {
        String repository = "crash/tags";
        AtomicBoolean stop = new AtomicBoolean();
        String base = harness.base();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String tag = "t" + client;
            int c = client;
            clients.add(harness.startClient(() -> {
                Set<String> candidates = acknowledged.tags.computeIfAbsent(repository + ":" + tag,
                        t -> ConcurrentHashMap.newKeySet());
                for (int n = 0; !stop.get(); n++) {
                    byte[] manifest = harness.manifest("r" + round + "c" + c + "n" + n);
                    String digest = TestBlobs.sha256(manifest);
                    candidates.add(digest);
                    int status = statusUntilKilled(HttpRequest.newBuilder(
                                    URI.create(base + "/v2/" + repository + "/manifests/" + tag))
                            .header("Content-Type", OCI_MANIFEST).PUT(BodyPublishers.ofByteArray(manifest)));
                    if (status < 0) {
                        return;
                    }
                    assertEquals(201, status, "manifest PUT");
                    acknowledged.manifests.put(repository + "@" + digest, manifest);
                    acknowledged.taggedOnce.add(repository + ":" + tag);
                    candidates.retainAll(Set.of(digest));
                }
            }));
        }
        int before = acknowledged.manifests.size();
        Thread.sleep(100 + harness.random.nextInt(400));
        harness.wharf().kill();
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        assertEquals(List.of(), harness.clientFailures);
        return new Crash((acknowledged.manifests.size() - before) + " manifest PUTs acknowledged before the kill",
                () -> { });
    }
}

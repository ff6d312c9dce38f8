package dev.wharf.it;

import dev.wharf.it.CrashHarness.Crash;
import dev.wharf.testsupport.TestBlobs;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.wharf.it.CrashHarness.OCI_MANIFEST;
import static dev.wharf.it.CrashHarness.SEED;
import static dev.wharf.it.CrashHarness.send;
import static dev.wharf.it.CrashHarness.statusUntilKilled;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The delete rounds of {@link CrashSafetyIT}: Wharf killed while a client deletes manifests and blobs one after the
 * other, so that a kill lands in the middle of a delete.
 */
final class DeleteCrashes {
    private final CrashHarness harness;
    private final Acknowledged acknowledged;

    DeleteCrashes(CrashHarness harness) {
        this.harness = harness;
        this.acknowledged = harness.acknowledged;
    }

    /**
     * Pushes manifests and blobs into a repository, then deletes them one after the other, alternating manifests and
     * blobs; the kill comes after 5-125 ms.
     */
    Crash deleteBurst(int round) throws Exception {
        String repository = "crash/deletes";
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] manifest = harness.manifest("delete-r" + round + "-" + i);
            String digest = TestBlobs.sha256(manifest);
            HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(harness.base() + "/v2/" + repository
                    + "/manifests/" + digest)).header("Content-Type", OCI_MANIFEST)
                    .PUT(BodyPublishers.ofByteArray(manifest)));
            assertEquals(201, put.statusCode());
            acknowledged.manifests.put(repository + "@" + digest, manifest);
            acknowledged.deletableManifests.put(repository + "@" + digest, manifest);
            paths.add("manifests/" + digest);
            paths.add("blobs/" + harness.pushBlob(repository, TestBlobs.random(4096 + i, SEED + 1000L * round + i)));
        }
        String base = harness.base();
        Thread deleter = harness.startClient(() -> {
            for (String path : paths) {
                String key = repository + "@" + path.substring(path.indexOf('/') + 1);
                acknowledged.eitherWay.add(key);
                acknowledged.manifests.remove(key);
                acknowledged.blobs.remove(key);
                int status = statusUntilKilled(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/"
                        + path)).DELETE());
                if (status < 0) {
                    return;
                }
                assertEquals(202, status, "DELETE " + path);
                acknowledged.eitherWay.remove(key);
                acknowledged.deleted.add(key);
            }
        });
        Thread.sleep(5 + harness.random.nextInt(120));
        harness.wharf().kill();
        deleter.join();
        assertEquals(List.of(), harness.clientFailures);
        return new Crash("killed with " + paths.stream().filter(p -> acknowledged.deleted.contains(repository + "@"
                + p.substring(p.indexOf('/') + 1))).count() + " of " + paths.size() + " DELETEs acknowledged",
                () -> { });
    }
}

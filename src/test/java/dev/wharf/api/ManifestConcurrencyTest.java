package dev.wharf.api;

import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deleting a repository's last manifest removes its {@code _manifests}; a manifest pushed at that very moment must not
 * be removed with it (on the filesystem, where the window is wide enough to lose it, or to fail the delete with a
 * 500, without the repository lock).
 */
@QuarkusTest
@TestProfile(FilesystemProfile.class)
class ManifestConcurrencyTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Test
    void aManifestPushedWhileTheLastOneIsDeletedSurvives() throws Exception {
        for (int round = 0; round < 40; round++) {
            String repo = TestBlobs.uniqueRepository("concurrency/last");
            byte[] config = TestBlobs.utf8("{\"round\":" + round + "}");
            String configDigest = RegistryApi.pushBlob(repo, config);
            byte[] first = RegistryApi.ociManifest(configDigest, config.length);
            byte[] second = TestBlobs.utf8(new String(RegistryApi.ociManifest(configDigest, config.length),
                    java.nio.charset.StandardCharsets.UTF_8).replace("{\"schemaVersion\"", "{ \"schemaVersion\""));
            String firstDigest = RegistryApi.pushManifest(repo, "first", OCI_MANIFEST, first);

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> {
                await(start);
                return given().delete("/v2/" + repo + "/manifests/" + firstDigest).statusCode();
            });
            CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> {
                await(start);
                return given().contentType(OCI_MANIFEST).body(second).put("/v2/" + repo + "/manifests/second")
                        .statusCode();
            });
            assertEquals(202, delete.get());
            assertEquals(201, put.get());

            String secondDigest = TestBlobs.sha256(second);
            assertEquals(200, given().accept(OCI_MANIFEST).get("/v2/" + repo + "/manifests/" + secondDigest)
                    .statusCode(), "round " + round + ": the manifest pushed during the delete is gone");
            assertEquals(200, given().accept(OCI_MANIFEST).get("/v2/" + repo + "/manifests/second").statusCode());
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.Manifests.Ref;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With deletes disabled every DELETE is 405 UNSUPPORTED (the spec allows 400 or 405) and nothing is removed. */
@QuarkusTest
@TestProfile(DeleteDisabledProfile.class)
class DeleteDisabledTest {

    @Test
    void deletesAreUnsupportedAndRemoveNothing() {
        String repo = TestBlobs.uniqueRepository("nodelete");
        byte[] layerBytes = TestBlobs.random(100, 7);
        Ref config = Manifests.emptyConfig(repo);
        Ref layer = Manifests.blob(repo, Manifests.OCI_LAYER, layerBytes);
        byte[] manifest = Manifests.ociManifest(config, layer);
        String digest = RegistryApi.pushManifest(repo, "v1", OCI_MANIFEST, manifest);

        assertErrors(given().delete("/v2/" + repo + "/manifests/" + digest), ErrorCode.UNSUPPORTED);
        assertErrors(given().delete("/v2/" + repo + "/manifests/v1"), ErrorCode.UNSUPPORTED);
        assertErrors(given().delete("/v2/" + repo + "/blobs/" + layer.digest()), ErrorCode.UNSUPPORTED);

        assertArrayEquals(manifest, given().accept(OCI_MANIFEST).get("/v2/" + repo + "/manifests/v1").asByteArray());
        assertArrayEquals(manifest, given().accept(OCI_MANIFEST).get("/v2/" + repo + "/manifests/" + digest)
                .asByteArray());
        assertArrayEquals(layerBytes, given().get("/v2/" + repo + "/blobs/" + layer.digest()).asByteArray());
    }

    @Test
    void deleteOfUnknownContentIsStillUnsupported() {
        String repo = TestBlobs.uniqueRepository("nodelete");
        String zero = "sha256:" + "0".repeat(64);
        assertErrors(given().delete("/v2/" + repo + "/manifests/" + zero), ErrorCode.UNSUPPORTED);
        assertErrors(given().delete("/v2/" + repo + "/blobs/" + zero), ErrorCode.UNSUPPORTED);
        assertEquals(405, given().delete("/v2/" + repo + "/manifests/latest").statusCode());
    }
}

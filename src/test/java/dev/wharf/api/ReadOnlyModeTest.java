package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.model.Digest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.StorageDriver;
import dev.wharf.store.ManifestStore;
import dev.wharf.store.UploadStore;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.Manifests.Ref;
import dev.wharf.testsupport.StorageWalk;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED=true}: every write route answers 405 {@code UNSUPPORTED} saying
 * why, and writes nothing to storage (not even an upload directory); every read is served. Deletes are enabled in the
 * profile, so a refused DELETE is refused for being a write. The content read was put in through the store, below HTTP.
 */
@QuarkusTest
@TestProfile(ReadOnlyModeTest.ReadOnlyProfile.class)
class ReadOnlyModeTest {
    private static final String ZERO = "sha256:" + "0".repeat(64);

    public static class ReadOnlyProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.storage.maintenance.readonly.enabled", "true",
                    "registry.storage.delete.enabled", "true");
        }
    }

    @Inject
    StorageDriver driver;
    @Inject
    UploadStore uploads;
    @Inject
    ManifestStore manifests;

    private String repo;
    private byte[] layer;
    private Ref config;
    private Ref layerRef;
    private byte[] manifest;
    private String manifestDigest;

    @BeforeEach
    void storeAnImageBelowHttp() throws IOException {
        repo = TestBlobs.uniqueRepository("readonly");
        layer = TestBlobs.random(300, 11);
        config = Ref.of(Manifests.OCI_EMPTY, Manifests.EMPTY_JSON);
        layerRef = Ref.of(Manifests.OCI_LAYER, layer);
        store(Manifests.EMPTY_JSON);
        store(layer);
        manifest = Manifests.ociManifest(config, layerRef);
        manifestDigest = TestBlobs.sha256(manifest);
        manifests.putManifest(RepositoryName.parse(repo), Reference.parse("v1"), manifest, OCI_MANIFEST);
    }

    private void store(byte[] blob) throws IOException {
        uploads.putBlob(RepositoryName.parse(repo), Digest.parse(TestBlobs.sha256(blob)),
                OptionalLong.of(blob.length), new ByteArrayInputStream(blob));
    }

    @Test
    void everyWriteIsUnsupportedAndTouchesNoStorage() {
        List<String> before = StorageWalk.objects(driver, "/");
        String blob = TestBlobs.sha256(TestBlobs.utf8("new"));
        String upload = "/v2/" + repo + "/blobs/uploads/" + UUID.randomUUID();

        assertReadOnly(given().post("/v2/" + repo + "/blobs/uploads/"));
        assertReadOnly(given().contentType(ContentType.BINARY).body(TestBlobs.utf8("new"))
                .post("/v2/" + repo + "/blobs/uploads/?digest=" + blob));
        assertReadOnly(given().post("/v2/other/blobs/uploads/?mount=" + layerRef.digest() + "&from=" + repo));
        assertReadOnly(given().contentType(ContentType.BINARY).body(TestBlobs.utf8("chunk")).patch(upload));
        assertReadOnly(given().contentType(ContentType.BINARY).body(new byte[0]).put(upload + "?digest=" + blob));
        assertReadOnly(given().delete(upload));
        assertReadOnly(given().contentType(OCI_MANIFEST).body(manifest).put("/v2/" + repo + "/manifests/v2"));
        assertReadOnly(given().delete("/v2/" + repo + "/manifests/" + manifestDigest));
        assertReadOnly(given().delete("/v2/" + repo + "/manifests/v1"));
        assertReadOnly(given().delete("/v2/" + repo + "/blobs/" + layerRef.digest()));
        assertReadOnly(given().delete("/v2/" + repo + "/blobs/" + ZERO));

        assertEquals(before, StorageWalk.objects(driver, "/"), "nothing was written or removed");
    }

    @Test
    void everyReadIsServed() {
        String manifestPath = "/v2/" + repo + "/manifests/";
        assertArrayEquals(manifest, given().accept(OCI_MANIFEST).get(manifestPath + "v1").asByteArray());
        assertArrayEquals(manifest, given().accept(OCI_MANIFEST).get(manifestPath + manifestDigest).asByteArray());
        assertEquals(200, given().accept(OCI_MANIFEST).head(manifestPath + "v1").statusCode());
        assertArrayEquals(layer, given().get("/v2/" + repo + "/blobs/" + layerRef.digest()).asByteArray());
        assertEquals(200, given().head("/v2/" + repo + "/blobs/" + layerRef.digest()).statusCode());
        assertEquals(List.of("v1"), given().get("/v2/" + repo + "/tags/list").jsonPath().getList("tags"));
        assertEquals(200, given().get("/v2/" + repo + "/referrers/" + manifestDigest).statusCode());
        assertTrue(given().queryParam("n", 1000).get("/v2/_catalog").jsonPath().getList("repositories").contains(repo));
        assertEquals(200, given().get("/v2/").statusCode());

        assertErrors(given().get("/v2/" + repo + "/blobs/" + ZERO), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head("/v2/" + repo + "/manifests/v9"), ErrorCode.MANIFEST_UNKNOWN);
    }

    private static void assertReadOnly(Response response) {
        assertErrors(response, ErrorCode.UNSUPPORTED);
        String detail = response.jsonPath().getString("errors[0].detail");
        assertTrue(detail.contains("read-only mode"), detail);
    }
}

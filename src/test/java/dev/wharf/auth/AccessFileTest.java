package dev.wharf.auth;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wharf.auth.AuthFiles.ALICE;
import static dev.wharf.auth.AuthFiles.BOB;
import static dev.wharf.auth.AuthFiles.as;
import static dev.wharf.auth.HtpasswdAuthTest.OCI;
import static dev.wharf.auth.HtpasswdAuthTest.assertUnauthorized;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access file ({@code REGISTRY_AUTH_HTPASSWD_ACCESS}): anonymous pulls where it allows them (and 401 for the
 * rest), 403 {@code DENIED} for users outside their grants, mounts only from pullable repositories, and a catalog
 * of the repositories the caller may pull. alice (everything) puts one image in each of the repositories first.
 */
@QuarkusTest
@TestProfile(AccessFileProfile.class)
class AccessFileTest {
    private static final byte[] LAYER = TestBlobs.random(1000, 3);
    private static final byte[] CONFIG = TestBlobs.utf8("{\"access\":1}");
    private static final String LAYER_DIGEST = TestBlobs.sha256(LAYER);
    private static String manifestDigest;

    @BeforeEach
    void aliceFillsTheRepositories() {
        if (manifestDigest != null) {
            return;
        }
        for (String repository : List.of("public/app", "team-a/app", "private/app", "readonly/app", "readonly/app/deep")) {
            RegistryApi.pushBlob(as(ALICE), repository, LAYER);
            String config = RegistryApi.pushBlob(as(ALICE), repository, CONFIG);
            byte[] manifest = RegistryApi.ociManifest(config, CONFIG.length, LAYER_DIGEST, String.valueOf(LAYER.length));
            manifestDigest = RegistryApi.pushManifest(as(ALICE), repository, "v1", OCI, manifest);
        }
    }

    @Test
    void anonymousCallersPullWhatTheFileAllows() {
        assertArrayEquals(LAYER, given().get("/v2/public/app/blobs/" + LAYER_DIGEST).asByteArray());
        assertEquals(200, given().head("/v2/public/app/blobs/" + LAYER_DIGEST).statusCode());
        Response manifest = given().accept(OCI).get("/v2/public/app/manifests/v1");
        assertEquals(200, manifest.statusCode(), manifest::asString);
        assertEquals(200, given().accept(OCI).head("/v2/public/app/manifests/" + manifestDigest).statusCode());
        assertEquals(List.of("v1"), given().get("/v2/public/app/tags/list").jsonPath().getList("tags"));
        assertEquals(200, given().get("/v2/public/app/referrers/" + manifestDigest).statusCode());
        // skopeo and podman send empty Basic credentials when they have none: anonymous too.
        assertEquals(200, as("", "").get("/v2/public/app/blobs/" + LAYER_DIGEST).statusCode());
        assertUnauthorized(List.of("GET", "/v2/private/app/blobs/" + LAYER_DIGEST), as("", ""));
        // A GET that is no endpoint gets the answer it gets without authentication.
        assertErrors(given().get("/v2/public/app/unknown"), ErrorCode.NOT_FOUND);
    }

    @Test
    void anonymousCallersGetTheChallengeForEverythingElse() {
        for (List<String> route : List.of(List.of("GET", "/v2/"), List.of("GET", "/v2/_catalog"),
                List.of("GET", "/v2/private/app/blobs/" + LAYER_DIGEST),
                List.of("HEAD", "/v2/private/app/manifests/v1"), List.of("GET", "/v2/team-a/app/tags/list"),
                List.of("POST", "/v2/public/app/blobs/uploads/"), List.of("PUT", "/v2/public/app/manifests/v2"),
                List.of("DELETE", "/v2/public/app/manifests/" + manifestDigest),
                List.of("DELETE", "/v2/public/app/blobs/" + LAYER_DIGEST))) {
            assertUnauthorized(route, given());
        }
    }

    @Test
    void usersPushWhereTheyMayAndAreDeniedElsewhere() {
        RegistryApi.pushBlob(as(BOB), "team-a/bob", LAYER);
        assertEquals(201, as(BOB).contentType(OCI).body(manifestFor("team-a/bob"))
                .put("/v2/team-a/bob/manifests/v1").statusCode());

        assertDenied(as(BOB).post("/v2/private/app/blobs/uploads/"));
        assertDenied(as(BOB).contentType(ContentType.BINARY).body(LAYER)
                .post("/v2/private/bob/blobs/uploads/?digest=" + LAYER_DIGEST));
        assertDenied(as(BOB).contentType(OCI).body(new byte[10]).put("/v2/private/app/manifests/v2"));
        assertDenied(as(BOB).get("/v2/private/app/blobs/" + LAYER_DIGEST));
        assertEquals(403, as(BOB).head("/v2/private/app/blobs/" + LAYER_DIGEST).statusCode());
        assertDenied(as(BOB).get("/v2/private/app/tags/list"));
        assertDenied(as(BOB).delete("/v2/team-a/app/manifests/" + manifestDigest));
        assertDenied(as(BOB).post("/v2/readonly/app/blobs/uploads/"));
        assertEquals(200, as(BOB).get("/v2/readonly/app/blobs/" + LAYER_DIGEST).statusCode());
        assertDenied(as(BOB).get("/v2/readonly/app/deep/blobs/" + LAYER_DIGEST));
        assertEquals(202, as(ALICE).delete("/v2/team-a/app/blobs/" + TestBlobs.sha256(CONFIG)).statusCode());
    }

    @Test
    void aDeniedUploadSessionCannotBeContinued() {
        String location = as(ALICE).post("/v2/private/app/blobs/uploads/").header("Location");
        assertDenied(as(BOB).contentType(ContentType.BINARY).body(LAYER).patch(location));
        assertDenied(as(BOB).get(location));
        assertDenied(as(BOB).delete(location));
        assertEquals(204, as(ALICE).get(location).statusCode());
    }

    @Test
    void mountsNeedPullOnTheSource() {
        Response refused = as(BOB).post("/v2/team-a/mount/blobs/uploads/?mount=" + LAYER_DIGEST + "&from=private/app");
        assertEquals(202, refused.statusCode(), "a plain upload session instead of a mount from private/app");
        Response anywhere = as(BOB).post("/v2/team-a/mount/blobs/uploads/?mount=" + LAYER_DIGEST);
        assertEquals(202, anywhere.statusCode(), "no mount from wherever the blob is");
        assertEquals(404, as(BOB).head("/v2/team-a/mount/blobs/" + LAYER_DIGEST).statusCode());

        Response mounted = as(BOB).post("/v2/team-a/mount/blobs/uploads/?mount=" + LAYER_DIGEST + "&from=public/app");
        assertEquals(201, mounted.statusCode(), mounted::asString);
        Response admin = as(ALICE).post("/v2/private/mount/blobs/uploads/?mount=" + LAYER_DIGEST);
        assertEquals(201, admin.statusCode(), "alice may pull everything, so a mount without from works");
    }

    @Test
    void theCatalogListsWhatTheCallerMayPull() {
        List<String> bobs = as(BOB).get("/v2/_catalog?n=1000").jsonPath().getList("repositories");
        assertTrue(bobs.containsAll(List.of("public/app", "team-a/app", "readonly/app")), bobs::toString);
        assertFalse(bobs.contains("private/app"), bobs::toString);
        assertFalse(bobs.contains("readonly/app/deep"), bobs::toString);
        List<String> alices = as(ALICE).get("/v2/_catalog?n=1000").jsonPath().getList("repositories");
        assertTrue(alices.containsAll(List.of("private/app", "readonly/app/deep")), alices::toString);

        // Page by page, bob sees the same repositories.
        List<String> paged = new java.util.ArrayList<>();
        String next = "/v2/_catalog?n=1";
        while (next != null) {
            Response page = as(BOB).get(next);
            paged.addAll(page.jsonPath().getList("repositories"));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertEquals(bobs, paged);
    }

    private static byte[] manifestFor(String repository) {
        String config = RegistryApi.pushBlob(as(BOB), repository, CONFIG);
        return RegistryApi.ociManifest(config, CONFIG.length, LAYER_DIGEST, String.valueOf(LAYER.length));
    }

    private static void assertDenied(Response response) {
        assertErrors(response, ErrorCode.DENIED);
    }
}

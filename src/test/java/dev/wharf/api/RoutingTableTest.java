package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.model.RepositoryName;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves that every endpoint routes multi-component names, and names made of the API's own words, to the right
 * method with the name captured whole (STYLE.md, "Risks already known": Quarkus REST regex path bugs). Each name is a
 * valid one per the spec grammar, so each must behave as an ordinary repository, invisible to the others.
 */
@QuarkusTest
class RoutingTableTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String LONGEST = "r".repeat(100) + "/" + "o".repeat(100) + "/" + "u".repeat(53);

    private static final List<String> NAMES = List.of(
            "a", "a/b", "a/b/c", "a/b/c/d/e/f/g/h",
            "blobs", "manifests", "uploads", "tags", "list", "referrers", "v2",
            "x/manifests", "a/blobs/b", "uploads/blobs", "blobs/uploads", "x/blobs/uploads",
            "tags/list", "a/tags/list", "manifests/latest", "a/manifests/b/blobs/c", "referrers/sha256",
            "a.b-c__d/e_f---g", LONGEST);

    static Stream<String> names() {
        return NAMES.stream();
    }

    @Test
    void tableNamesAreValidPerTheSpecGrammar() {
        assertEquals(255, LONGEST.length());
        NAMES.forEach(name -> assertTrue(RepositoryName.isValid(name), name));
        assertEquals(NAMES.size(), NAMES.stream().distinct().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyEndpointServesTheNameWhole(String name) {
        String tag = "t" + Long.toHexString(System.nanoTime());
        byte[] layer = TestBlobs.random(200, System.nanoTime());
        byte[] config = TestBlobs.utf8("{\"name\":\"" + name + "\",\"tag\":\"" + tag + "\"}");

        // Single-request upload, then POST + PATCH + status + PUT.
        String layerDigest = RegistryApi.pushBlob(name, layer);
        String location = Uploads.start(name);
        assertTrue(location.contains("/v2/" + name + "/blobs/uploads/"), location);
        Response patched = Uploads.patch(location, config, 0);
        assertEquals(202, patched.statusCode(), patched::asString);
        Response status = given().get(patched.header("Location"));
        assertEquals(204, status.statusCode());
        assertEquals("0-" + (config.length - 1), status.header("Range"));
        String configDigest = TestBlobs.sha256(config);
        Response done = Uploads.complete(patched.header("Location"), configDigest, new byte[0]);
        assertEquals(201, done.statusCode(), done::asString);
        assertTrue(done.header("Location").endsWith("/v2/" + name + "/blobs/" + configDigest), done.header("Location"));

        // HEAD and GET the blobs.
        Response head = given().head("/v2/" + name + "/blobs/" + layerDigest);
        assertEquals(200, head.statusCode());
        assertEquals("200", head.header("Content-Length"));
        assertArrayEquals(config, given().get("/v2/" + name + "/blobs/" + configDigest).asByteArray());

        // A manifest by tag, fetched by tag and by digest.
        byte[] manifest = RegistryApi.ociManifest(configDigest, config.length, layerDigest, String.valueOf(layer.length));
        String manifestDigest = RegistryApi.pushManifest(name, tag, OCI_MANIFEST, manifest);
        for (String reference : List.of(tag, manifestDigest)) {
            Response get = given().accept(OCI_MANIFEST).get("/v2/" + name + "/manifests/" + reference);
            assertEquals(200, get.statusCode(), get::asString);
            assertArrayEquals(manifest, get.asByteArray());
            assertEquals(manifestDigest, get.header("Docker-Content-Digest"));
        }

        // Tags list names the repository whole.
        Response tags = given().get("/v2/" + name + "/tags/list");
        assertEquals(200, tags.statusCode(), tags::asString);
        assertEquals(name, tags.jsonPath().getString("name"));
        assertTrue(tags.jsonPath().getList("tags").contains(tag), tags::asString);

        // No other name sees any of it.
        for (String other : NAMES) {
            if (other.equals(name)) {
                continue;
            }
            assertHeadError(given().head("/v2/" + other + "/blobs/" + layerDigest), ErrorCode.BLOB_UNKNOWN);
            assertHeadError(given().head("/v2/" + other + "/blobs/" + configDigest), ErrorCode.BLOB_UNKNOWN);
            Response foreign = given().accept(OCI_MANIFEST).get("/v2/" + other + "/manifests/" + tag);
            assertEquals(404, foreign.statusCode(), () -> other + ": " + foreign.asString());
            Response otherTags = given().get("/v2/" + other + "/tags/list");
            if (otherTags.statusCode() == 200) {
                assertEquals(other, otherTags.jsonPath().getString("name"));
                List<String> listed = otherTags.jsonPath().getList("tags");
                assertFalse(listed != null && listed.contains(tag), () -> other + " lists " + tag);
            } else {
                assertErrors(otherTags, ErrorCode.NAME_UNKNOWN);
            }
        }
    }

    @Test
    void nameOf256CharactersIsNameInvalidEverywhere() {
        String name = LONGEST + "x";
        assertEquals(256, name.length());
        String digest = TestBlobs.sha256(new byte[1]);
        String uuid = "0d2b6e2a-1f2c-4c1b-9e9a-6a3b2c1d0e0f";
        assertErrors(given().post("/v2/" + name + "/blobs/uploads/"), ErrorCode.NAME_INVALID);
        assertErrors(given().get("/v2/" + name + "/blobs/uploads/" + uuid), ErrorCode.NAME_INVALID);
        assertErrors(Uploads.patchStream("/v2/" + name + "/blobs/uploads/" + uuid, new byte[1]), ErrorCode.NAME_INVALID);
        assertErrors(Uploads.complete("/v2/" + name + "/blobs/uploads/" + uuid, digest, new byte[1]), ErrorCode.NAME_INVALID);
        assertErrors(given().delete("/v2/" + name + "/blobs/uploads/" + uuid), ErrorCode.NAME_INVALID);
        assertErrors(given().get("/v2/" + name + "/blobs/" + digest), ErrorCode.NAME_INVALID);
        assertHeadError(given().head("/v2/" + name + "/blobs/" + digest), ErrorCode.NAME_INVALID);
        assertErrors(given().get("/v2/" + name + "/manifests/latest"), ErrorCode.NAME_INVALID);
        assertErrors(given().contentType(OCI_MANIFEST).body("{}").put("/v2/" + name + "/manifests/latest"),
                ErrorCode.NAME_INVALID);
        assertErrors(given().get("/v2/" + name + "/tags/list"), ErrorCode.NAME_INVALID);
    }
}

package dev.wharf.auth;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.auth.AuthFiles.ALICE;
import static dev.wharf.auth.AuthFiles.BOB;
import static dev.wharf.auth.AuthFiles.CAROL;
import static dev.wharf.auth.AuthFiles.DAVE;
import static dev.wharf.auth.AuthFiles.ERIN;
import static dev.wharf.auth.AuthFiles.as;
import static dev.wharf.auth.AuthFiles.password;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code REGISTRY_AUTH=htpasswd} without an access file, as registry:2 behaves: every {@code /v2} request without
 * valid credentials is 401 with the Basic challenge and the spec's {@code UNAUTHORIZED} body, whatever the route
 * (unknown and malformed ones too); every user may push and pull; {@code GET /} and health stay open.
 */
@QuarkusTest
@TestProfile(HtpasswdProfile.class)
class HtpasswdAuthTest {
    static final String CHALLENGE = "Basic realm=\"" + AuthFiles.REALM + "\"";
    private static final String DIGEST = TestBlobs.sha256(new byte[] {1});
    private static final String STATE = "?_state=x";

    /** Method and path of every endpoint family, unknown and malformed paths included. */
    static Stream<List<String>> routes() {
        return Stream.of(
                List.of("GET", "/v2/"), List.of("HEAD", "/v2/"), List.of("GET", "/v2"),
                List.of("GET", "/v2/_catalog"), List.of("GET", "/v2/_catalog?n=1"),
                List.of("HEAD", "/v2/a/b/blobs/" + DIGEST), List.of("GET", "/v2/a/b/blobs/" + DIGEST),
                List.of("DELETE", "/v2/a/b/blobs/" + DIGEST),
                List.of("POST", "/v2/a/blobs/uploads/"), List.of("POST", "/v2/a/blobs/uploads/?digest=" + DIGEST),
                List.of("POST", "/v2/a/blobs/uploads/?mount=" + DIGEST + "&from=b"),
                List.of("PATCH", "/v2/a/blobs/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427" + STATE),
                List.of("PUT", "/v2/a/blobs/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427" + STATE + "&digest=" + DIGEST),
                List.of("GET", "/v2/a/blobs/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427" + STATE),
                List.of("DELETE", "/v2/a/blobs/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427" + STATE),
                List.of("GET", "/v2/a/blobs/uploads/"), List.of("PUT", "/v2/a/blobs/uploads/"),
                List.of("GET", "/v2/a/manifests/latest"), List.of("HEAD", "/v2/a/manifests/latest"),
                List.of("PUT", "/v2/a/manifests/latest"), List.of("DELETE", "/v2/a/manifests/" + DIGEST),
                List.of("GET", "/v2/a/tags/list"), List.of("GET", "/v2/a/tags/list?n=1&last=a"),
                List.of("GET", "/v2/a/referrers/" + DIGEST), List.of("HEAD", "/v2/a/referrers/" + DIGEST),
                List.of("GET", "/v2/nothing"), List.of("GET", "/v2/a/unknown/x"), List.of("PUT", "/v2/a/b/c"),
                List.of("POST", "/v2/_catalog"), List.of("OPTIONS", "/v2/"), List.of("PATCH", "/v2/a/tags/list"),
                List.of("GET", "/v2/Not_A..Name/tags/list"), List.of("GET", "/v2/a/manifests/"),
                List.of("GET", "/v2//a/tags/list"), List.of("GET", "/v2x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void everyRouteWithoutCredentialsIsUnauthorized(List<String> route) {
        assertUnauthorized(route, given());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void everyRouteWithAWrongPasswordIsUnauthorized(List<String> route) {
        assertUnauthorized(route, as(ALICE, "not-" + password(ALICE)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Basic !!!notbase64", "Basic " + "bm9jb2xvbg==", "Bearer abc.def.ghi", "Basic"})
    void malformedOrOtherCredentialsAreUnauthorized(String authorization) {
        assertUnauthorized(List.of("GET", "/v2/"), given().header("Authorization", authorization));
    }

    @Test
    void unknownUserAndIgnoredHashTypesAreUnauthorized() {
        assertUnauthorized(List.of("GET", "/v2/"), as("mallory", password(ALICE)));
        assertUnauthorized(List.of("GET", "/v2/"), as(ERIN));
        assertUnauthorized(List.of("GET", "/v2/"), as(ALICE, ""));
        assertUnauthorized(List.of("GET", "/v2/a/tags/list"), as("", ""));
        assertUnauthorized(List.of("GET", "/v2/a/tags/list"), as("", password(ALICE)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ALICE, BOB, CAROL, DAVE})
    void bcryptUsersAreAdmittedWhateverThePrefix(String user) {
        Response base = as(user).get("/v2/");
        assertEquals(200, base.statusCode(), base::asString);
        assertEquals("{}", base.asString());
        // The second request is answered from the verified-credentials cache: same result.
        assertEquals(200, as(user).get("/v2/").statusCode());
        assertEquals(200, as(user).get("/v2/_catalog").statusCode());
    }

    @Test
    void aUserPushesAndPullsABlobAndAManifest() {
        String repository = TestBlobs.uniqueRepository("auth/push");
        byte[] layer = TestBlobs.random(3000, 7);
        byte[] config = TestBlobs.utf8("{\"auth\":true}");
        RequestSpecification bob = as(BOB);
        String layerDigest = RegistryApi.pushBlob(bob, repository, layer);
        String configDigest = RegistryApi.pushBlob(as(BOB), repository, config);
        byte[] manifest = RegistryApi.ociManifest(configDigest, config.length, layerDigest, String.valueOf(layer.length));
        String manifestDigest = RegistryApi.pushManifest(as(BOB), repository, "v1", OCI, manifest);

        assertArrayEquals(layer, as(ALICE).get("/v2/" + repository + "/blobs/" + layerDigest).asByteArray());
        Response pulled = as(CAROL).accept(OCI).get("/v2/" + repository + "/manifests/v1");
        assertEquals(200, pulled.statusCode(), pulled::asString);
        assertEquals(manifestDigest, pulled.header("Docker-Content-Digest"));
        assertEquals(List.of("v1"), as(DAVE).get("/v2/" + repository + "/tags/list").jsonPath().getList("tags"));
        assertUnauthorized(List.of("GET", "/v2/" + repository + "/blobs/" + layerDigest), given());
    }

    @Test
    void aRefusedUploadStoresNothing() {
        String repository = TestBlobs.uniqueRepository("auth/refused");
        byte[] blob = TestBlobs.random(4 << 20, 11);
        String digest = TestBlobs.sha256(blob);
        Response refused = given().body(blob).post("/v2/" + repository + "/blobs/uploads/?digest=" + digest);
        assertErrors(refused, ErrorCode.UNAUTHORIZED);
        assertEquals(404, as(ALICE).head("/v2/" + repository + "/blobs/" + digest).statusCode());
    }

    @Test
    void rootAndHealthStayOpen() {
        assertEquals(200, given().get("/").statusCode());
        assertEquals(200, given().head("/").statusCode());
        assertEquals(200, given().get("/q/health/live").statusCode());
        assertEquals(200, given().get("/q/health/ready").statusCode());
    }

    static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    static void assertUnauthorized(List<String> route, RequestSpecification request) {
        Response response = request.urlEncodingEnabled(false).request(route.get(0), route.get(1));
        assertEquals(401, response.statusCode(), () -> route + ": " + response.asString());
        assertEquals(CHALLENGE, response.header("WWW-Authenticate"), route::toString);
        if (route.get(0).equals("HEAD")) {
            assertEquals("", response.asString(), "HEAD answers carry no body");
        } else {
            assertErrors(response, ErrorCode.UNAUTHORIZED);
        }
    }
}

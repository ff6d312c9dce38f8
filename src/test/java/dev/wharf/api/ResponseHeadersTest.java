package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code REGISTRY_HTTP_HEADERS}: every {@code /v2} answer carries the configured headers, successes and errors alike,
 * under their canonical names and with every value of a list.
 */
@QuarkusTest
@TestProfile(ResponseHeadersTest.HeadersProfile.class)
class ResponseHeadersTest {

    public static class HeadersProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "registry.http.headers.X-Content-Type-Options", "nosniff",
                    // distribution's YAML list, and a name spelt as in a variable: X-Wharf-Test
                    "registry.http.headers.x_wharf_test", "[one, \"two\"]");
        }
    }

    @Test
    void headersAreOnSuccessfulAnswers() {
        assertConfiguredHeaders(given().get("/v2/"), 200);
        assertConfiguredHeaders(given().get("/v2/_catalog"), 200);
    }

    @Test
    void headersAreOnErrors() {
        String repository = TestBlobs.uniqueRepository("headers");
        Response unknown = given().get("/v2/" + repository + "/manifests/latest");
        assertErrors(unknown, ErrorCode.MANIFEST_UNKNOWN);
        assertConfiguredHeaders(unknown, 404);

        Response notAllowed = given().post("/v2/");
        assertErrors(notAllowed, ErrorCode.UNSUPPORTED);
        assertConfiguredHeaders(notAllowed, 405);

        Response noRoute = given().get("/v2/" + repository + "/nothing/here");
        assertErrors(noRoute, ErrorCode.NOT_FOUND);
        assertConfiguredHeaders(noRoute, 404);

        assertConfiguredHeaders(given().head("/v2/" + repository + "/blobs/sha256:" + "0".repeat(64)), 404);
    }

    private static void assertConfiguredHeaders(Response response, int status) {
        assertEquals(status, response.statusCode(), response::asString);
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"));
        assertEquals(List.of("one", "two"), response.headers().getValues("X-Wharf-Test"));
    }
}

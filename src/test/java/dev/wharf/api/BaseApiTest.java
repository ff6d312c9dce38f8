package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /v2/} (end-1) and what every other {@code /v2} path answers when no endpoint serves it. */
@QuarkusTest
class BaseApiTest {
    private static final String VERSION_HEADER = "Docker-Distribution-API-Version";

    @Test
    void getBaseAnswersEmptyJsonWithTheVersionHeader() {
        Response response = given().get("/v2/");
        assertEquals(200, response.statusCode());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals("{}", response.asString());
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', value = {
            "text/html,application/xhtml+xml",
            "application/vnd.docker.distribution.manifest.v2+json",
            "text/plain",
    })
    void getBaseIgnoresAccept(String accept) {
        // registry:2 answers 200 {} whatever the client accepts (browsers, clients with a global manifest Accept).
        Response response = given().accept(accept).get("/v2/");
        assertEquals(200, response.statusCode(), response::asString);
        assertEquals("{}", response.asString());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
    }

    @Test
    void headBaseAnswers200WithoutBody() {
        Response response = given().head("/v2/");
        assertEquals(200, response.statusCode());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
        assertEquals("", response.asString());
    }

    @Test
    void baseWithoutTrailingSlashIsServedToo() {
        // registry:2 routes both "/v2" and "/v2/" to the base handler.
        Response response = given().redirects().follow(false).get("/v2");
        assertTrue(response.statusCode() == 200 || response.statusCode() == 301, () -> "status " + response.statusCode());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource({
            "/v2/nothing-here",
            "/v2/a/b/c",
            "/v2/a/unknown/x",
            "/v2/a/blobs",
            "/v2/a/manifests",
            "/v2/a/tags",
            "/v2/a/tags/other",
            "/v2/_nothing/x/y",
    })
    void unknownPathsAnswerTheSpecJson404(String path) {
        assertErrors(given().get(path), ErrorCode.NOT_FOUND);
    }

    @Test
    void headOfAnUnknownPathIsA404WithoutBody() {
        Response response = given().head("/v2/a/unknown/x");
        assertEquals(404, response.statusCode());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
        assertEquals("", response.asString());
    }

    @Test
    void dotSegmentsThatLeaveV2AreNotServedByTheApi() {
        // Dot segments are removed before routing (RFC 3986 §5.2.4; registry:2 redirects to the cleaned path).
        Response response = given().urlEncodingEnabled(false).get("/v2/%2e%2e/x/blobs/sha256:0");
        assertEquals(404, response.statusCode());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /v2/a/b/%2e%2e/%2e%2e/blobs/sha256:0",
            "GET, /v2/a%2Fb/tags/list",
            "GET, /v2/a/blobs/..%2f..%2fetc%2fpasswd",
            "GET, /v2/a/manifests/%00",
            "GET, /v2/a/blobs/uploads/%2e%2e",
            "PUT, /v2/a/blobs/uploads/",
            "DELETE, /v2/",
            "POST, /v2/a/tags/list",
            "PATCH, /v2/a/manifests/latest",
            "GET, /v2/a/referrers/sha256:zz",
            "GET, /v2/a/tags/list?n=-1",
            "GET, /v2/a/tags/list?n=abc",
            "GET, /v2/_catalog?n=99999999999999999999",
    })
    void oddRequestsAreNeverA500(String method, String path) {
        Response response = given().urlEncodingEnabled(false).request(method, path);
        assertTrue(response.statusCode() < 500, () -> method + " " + path + " -> " + response.statusCode() + " "
                + response.asString());
        assertEquals("registry/2.0", response.header(VERSION_HEADER));
        if (response.statusCode() >= 400) {
            assertTrue(response.contentType().startsWith("application/json"),
                    () -> method + " " + path + " content type " + response.contentType());
            assertTrue(response.jsonPath().getList("errors.code").size() > 0, response::asString);
        }
    }
}

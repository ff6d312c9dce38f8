package dev.wharf.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.BadRequest;
import dev.wharf.testsupport.BadRequests;
import dev.wharf.testsupport.DirectorySnapshot;
import dev.wharf.testsupport.HeaderRequests;
import dev.wharf.testsupport.ManifestBodies;
import dev.wharf.testsupport.RawHttp;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests, generated from tables ({@link BadRequests}, {@link ManifestBodies}) and sent byte for byte over
 * a socket, get a 4xx and never a 5xx; those that reach the application get the spec's error JSON with the status
 * of its code. Afterwards nothing outside the root directory has changed, and everything under the root lies in
 * distribution's layout with valid repository names (the filesystem driver, in a root next to a canary directory).
 */
@QuarkusTest
@TestProfile(CanaryRootProfile.class)
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
            .collect(Collectors.toSet());

    private static Path root;
    private static Map<String, String> outsideBefore;
    private static BadRequests.Fixture fixture;

    /** Once, before the first table (REST Assured knows the port only once the application runs). */
    @BeforeEach
    void snapshotAndFixture() throws IOException {
        if (fixture != null) {
            return;
        }
        root = Path.of(ConfigProvider.getConfig().getValue("registry.storage.filesystem.rootdirectory", String.class));
        outsideBefore = DirectorySnapshot.of(root.getParent(), root);
        assertTrue(outsideBefore.containsKey("canary/x"), outsideBefore::toString);
        String repo = "bad-input/base";
        String blob = RegistryApi.pushBlob(repo, TestBlobs.random(100, 5));
        fixture = new BadRequests.Fixture(repo, blob, () -> pathAndQuery(Uploads.start(repo)));
    }

    @AfterAll
    static void nothingOutsideTheRootChangedAndTheRootHoldsOnlyTheLayout() throws IOException, InterruptedException {
        if (root == null) {
            return; // no test ran
        }
        DirectorySnapshot.awaitNoTemporaryFiles(root, Duration.ofSeconds(10));
        Map<String, String> outsideAfter = DirectorySnapshot.of(root.getParent(), root);
        assertAll(() -> assertEquals(outsideBefore, outsideAfter, "the parent and canary are unchanged"),
                () -> DirectorySnapshot.assertRegistryLayout(root));
    }

    @TestFactory
    Stream<DynamicTest> invalidNamesOnEveryEndpointAreNameInvalid() {
        return run(BadRequests::namesOnEveryEndpoint);
    }

    @TestFactory
    Stream<DynamicTest> traversalInEveryEndpointFamilyStaysInTheApi() {
        return run(BadRequests::traversal);
    }

    @TestFactory
    Stream<DynamicTest> malformedDigestsAreDigestInvalid() {
        return run(BadRequests::digests);
    }

    @TestFactory
    Stream<DynamicTest> invalidTagsAreTagInvalid() {
        return run(BadRequests::tags);
    }

    @TestFactory
    Stream<DynamicTest> malformedRangesAreRangeInvalidAndLengthsSizeInvalid() {
        return run(BadRequests::ranges);
    }

    @TestFactory
    Stream<DynamicTest> malformedPageSizesArePaginationNumberInvalid() {
        return run(BadRequests::pagination);
    }

    @TestFactory
    Stream<DynamicTest> garbageUploadStatesAndIdsAreRefused() {
        return run(BadRequests::uploads);
    }

    @TestFactory
    Stream<DynamicTest> invalidManifestsAreManifestInvalid() {
        return run(ManifestBodies::invalid);
    }

    @TestFactory
    Stream<DynamicTest> oddHeadersAndMethodsKeepTheSpecAnswers() {
        return run(HeaderRequests::headers);
    }

    @TestFactory
    Stream<DynamicTest> malformedFramingIsAClientError() {
        return run(ManifestBodies::framing);
    }

    @Test
    void aChunkedBodyBrokenMidwayLeavesTheUploadWhereItWas() {
        String location = fixture.upload().get();
        RawHttp.request("PATCH", location).header("Transfer-Encoding", "chunked")
                .body(TestBlobs.utf8("5\r\n12345\r\nzz\r\n")).send(RestAssured.port);
        Response status = null;
        for (int attempt = 0; attempt < 50 && (status == null || !"0-0".equals(status.header("Range"))); attempt++) {
            status = given().get(location);
        }
        assertEquals(204, status.statusCode(), status.asString());
        assertEquals("0-0", status.header("Range"), "nothing of the broken chunk was kept");
        byte[] chunk = TestBlobs.random(10, 6);
        Response patched = Uploads.patch(location, chunk, 0);
        assertEquals(202, patched.statusCode(), patched.asString());
        assertEquals(201, Uploads.complete(patched.header("Location"), TestBlobs.sha256(chunk), new byte[0]).statusCode());
    }

    private static Stream<DynamicTest> run(Function<BadRequests.Fixture, Stream<BadRequest>> table) {
        return table.apply(fixture).map(bad -> DynamicTest.dynamicTest(bad.toString(),
                () -> check(bad, bad.request().send(RestAssured.port))));
    }

    private static void check(BadRequest bad, RawHttp.Answer answer) throws IOException {
        String what = bad.request().describe() + " → " + answer;
        if (bad.expect() == BadRequest.Expect.CLIENT_ERROR_OR_CLOSE && answer == RawHttp.Answer.NONE) {
            return;
        }
        assertTrue(answer.status() != 0, () -> "closed without an answer: " + bad.request().describe());
        assertTrue(answer.status() < 500, what);
        assertFalse(answer.text().contains("\tat ") || answer.text().contains("\\tat ")
                || answer.text().contains("\"stack\""), "no stack trace: " + what);
        if (bad.expect() == BadRequest.Expect.NOT_5XX && answer.status() < 400) {
            return;
        }
        assertTrue(answer.status() >= 400, what);
        if (bad.expect() == BadRequest.Expect.CLIENT_ERROR || bad.expect() == BadRequest.Expect.CLIENT_ERROR_OR_CLOSE) {
            return;
        }
        assertEquals("registry/2.0", answer.header("Docker-Distribution-API-Version"), what);
        if (bad.expect() == BadRequest.Expect.CODE) {
            assertEquals(bad.code().status(), answer.status(), what);
        }
        if ("HEAD".equals(bad.request().method())) {
            assertEquals(0, answer.body().length, what);
            return;
        }
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/json"), what);
        JsonNode errors = JSON.readTree(answer.body()).get("errors");
        assertNotNull(errors, what);
        assertEquals(1, errors.size(), what);
        JsonNode error = errors.get(0);
        String code = error.path("code").asText();
        assertTrue(CODES.contains(code), what);
        assertFalse(error.path("message").asText().isBlank(), what);
        assertTrue(error.has("detail"), what);
        if (bad.expect() == BadRequest.Expect.CODE) {
            assertEquals(bad.code().code(), code, what);
        } else {
            int status = answer.status();
            assertTrue(Arrays.stream(ErrorCode.values()).anyMatch(c -> c.code().equals(code) && c.status() == status),
                    () -> "status matches the code: " + what);
        }
    }

    private static String pathAndQuery(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}

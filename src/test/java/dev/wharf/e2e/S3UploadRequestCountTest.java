package dev.wharf.e2e;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The S3 requests of each way to upload a blob in one body, request by request: a small blob sent whole is verified
 * in memory and written straight under {@code blobs/} (no session data, no copy, no listing to delete the session),
 * a larger one streams through the session's {@code data} and is moved into place. Requests made at the same time
 * (see {@code ConcurrentSteps}) are compared as sets, in their place.
 */
@QuarkusTest
@TestProfile(S3RequestCountProfile.class)
class S3UploadRequestCountTest {
    private static final String STARTED_AT = "PUT <repo>/_uploads/<id>/startedat";
    private static final String LIST_SESSION =
            "GET /registry?list-type=2&delimiter=/&max-keys=1000&prefix=<repo>/_uploads/<id>/";
    private static final String PUT_BLOB = "PUT blobs/sha256/<2>/<hex>/data";
    private static final String PUT_LINK = "PUT <repo>/_layers/sha256/<hex>/link";
    private static final int SMALL = 4096;
    /** Above {@code WholeBody.MAX}. */
    private static final int LARGER = 256 * 1024 + 1;

    /** Wharf's, from {@link S3RequestCountProfile}. */
    CountingHttpProxy wharfS3;

    @Test
    void aSmallBlobPutWholeIntoAnEmptySessionCostsFiveRequests() {
        String repo = TestBlobs.uniqueRepository("count/whole");
        byte[] content = TestBlobs.random(SMALL, 120);
        List<String> requests = counted(repo, () -> {
            String location = start(repo);
            return complete(location, TestBlobs.sha256(content), content);
        }, 201);
        // the session's listing and the verified blob's write at once, then its link and the session's end at once
        assertEquals(STARTED_AT, requests.get(0));
        assertEquals(Set.of(LIST_SESSION, PUT_BLOB), Set.copyOf(requests.subList(1, 3)), requests::toString);
        assertEquals(Set.of("DELETE <repo>/_uploads/<id>/startedat", PUT_LINK), Set.copyOf(requests.subList(3, 5)),
                requests::toString);
        assertEquals(5, requests.size(), requests::toString);
    }

    @Test
    void aSmallBlobPutIntoACancelledSessionIsUnknownAndStaysInvisible() {
        String repo = TestBlobs.uniqueRepository("count/cancelled");
        byte[] content = TestBlobs.random(SMALL, 125);
        String location = start(repo);
        assertEquals(204, given().delete(location).statusCode());
        List<String> requests = counted(repo, () -> {
            Response response = complete(location, TestBlobs.sha256(content), content);
            assertErrors(response, ErrorCode.BLOB_UPLOAD_UNKNOWN);
            return response;
        }, 404);
        // written while the session was looked up: verified data under blobs/, which no link shows
        assertEquals(Set.of(LIST_SESSION, PUT_BLOB), Set.copyOf(requests), requests::toString);
        assertEquals(404, given().head("/v2/" + repo + "/blobs/" + TestBlobs.sha256(content)).statusCode());
    }

    @Test
    void aSmallBlobInASinglePostCostsTwoRequests() {
        String repo = TestBlobs.uniqueRepository("count/post");
        byte[] content = TestBlobs.random(SMALL, 121);
        List<String> requests = counted(repo, () -> given().contentType(OCTET_STREAM).body(content)
                .queryParam("digest", TestBlobs.sha256(content)).post("/v2/" + repo + "/blobs/uploads/"), 201);
        assertEquals(List.of(PUT_BLOB, PUT_LINK), requests);
    }

    @Test
    void aSmallBlobWithAWrongDigestStoresNothingAndEndsTheSession() {
        String repo = TestBlobs.uniqueRepository("count/wrong");
        byte[] content = TestBlobs.random(SMALL, 122);
        String claimed = TestBlobs.sha256(TestBlobs.random(SMALL, 123));
        List<String> requests = counted(repo, () -> {
            Response response = complete(start(repo), claimed, content);
            assertErrors(response, ErrorCode.DIGEST_INVALID);
            return response;
        }, 400);
        assertEquals(List.of(STARTED_AT, LIST_SESSION, "DELETE <repo>/_uploads/<id>/startedat"), requests);
    }

    @Test
    void aLargerBlobStreamsThroughTheSession() {
        String repo = TestBlobs.uniqueRepository("count/larger");
        byte[] content = TestBlobs.random(LARGER, 124);
        List<String> requests = counted(repo, () -> complete(start(repo), TestBlobs.sha256(content), content), 201);
        assertEquals(List.of(STARTED_AT, LIST_SESSION, "PUT <repo>/_uploads/<id>/data", PUT_BLOB,
                "GET /registry?list-type=2&max-keys=999&prefix=<repo>/_uploads/<id>/", "POST /registry?delete",
                PUT_LINK), requests);
    }

    /** The S3 requests {@code upload} made, shaped, with the bucket, the root and the repository elided. */
    private List<String> counted(String repo, Supplier<Response> upload, int status) {
        wharfS3.reset();
        Response response = upload.get();
        assertEquals(status, response.statusCode(), response::asString);
        String root = S3StorageProfile.ROOT.substring(1) + "/docker/registry/v2/";
        return wharfS3.requests().stream().map(request -> URLDecoder.decode(CountingHttpProxy.shape(request),
                        StandardCharsets.UTF_8).replace("/" + S3StorageProfile.BUCKET + "/" + root, "")
                .replace(root, "").replace("repositories/" + repo + "/", "<repo>/")).toList();
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.StorageWalk;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.start;
import static dev.wharf.testsupport.Uploads.withDigest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A small blob sent whole in the {@code PUT ?digest=} that closes an empty session (or in a single {@code POST
 * ?digest=}) is verified in memory and written straight under {@code blobs/}; a larger one, or one completing a
 * session that holds data already, streams through the session as before. Either way the blob is verified before
 * anything is visible and no session is left.
 */
@QuarkusTest
class WholeBlobUploadTest {
    /** {@code WholeBody.MAX}: the largest body read whole. */
    static final int BOUND = 256 * 1024;

    @Inject
    StorageDriver driver;

    private static void assertStored(Response response, String repository, byte[] content) {
        String digest = TestBlobs.sha256(content);
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(digest, response.header("Docker-Content-Digest"));
        Response get = given().get(blobPath(repository, digest));
        assertEquals(200, get.statusCode(), get::asString);
        assertArrayEquals(content, get.asByteArray());
    }

    private int uploadSessions(String repository) {
        return StorageWalk.objects(driver, "/docker/registry/v2/repositories/" + repository + "/_uploads").size();
    }

    private void assertNoBlobData(byte[] content) {
        String hex = TestBlobs.sha256(content).substring("sha256:".length());
        assertThrows(PathNotFoundException.class, () -> driver.stat("/docker/registry/v2/blobs/sha256/"
                + hex.substring(0, 2) + "/" + hex + "/data"), "no data was stored");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 4096, BOUND, BOUND + 1, 1024 * 1024})
    void aBlobInThePutThatClosesAnEmptySessionIsStoredAndTheSessionEnds(int size) {
        String repo = TestBlobs.uniqueRepository("uploads/whole-put");
        byte[] content = TestBlobs.random(size, 90 + size);
        String location = start(repo);

        assertStored(complete(location, TestBlobs.sha256(content), content), repo, content);
        assertEquals(0, uploadSessions(repo), "no session is left behind");
        assertErrors(complete(location, TestBlobs.sha256(content), content), ErrorCode.BLOB_UPLOAD_UNKNOWN);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {4096, BOUND + 1})
    void aBlobInASinglePostIsStoredWithoutASession(int size) {
        String repo = TestBlobs.uniqueRepository("uploads/whole-post");
        byte[] content = TestBlobs.random(size, 95 + size);

        assertStored(given().contentType(OCTET_STREAM).body(content).queryParam("digest", TestBlobs.sha256(content))
                .post("/v2/" + repo + "/blobs/uploads/"), repo, content);
        assertEquals(0, uploadSessions(repo));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {4096, BOUND + 1})
    void aWrongDigestIsDigestInvalidStoresNothingAndEndsTheSession(int size) {
        String repo = TestBlobs.uniqueRepository("uploads/whole-wrong");
        byte[] content = TestBlobs.random(size, 100 + size);
        String claimed = TestBlobs.sha256(TestBlobs.random(size, 101 + size));
        String location = start(repo);

        assertErrors(complete(location, claimed, content), ErrorCode.DIGEST_INVALID);
        assertHeadError(given().head(blobPath(repo, claimed)), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, TestBlobs.sha256(content))), ErrorCode.BLOB_UNKNOWN);
        assertNoBlobData(content);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertEquals(0, uploadSessions(repo));
    }

    @Test
    void aWrongDigestInASinglePostStoresNothing() {
        String repo = TestBlobs.uniqueRepository("uploads/whole-post-wrong");
        byte[] content = TestBlobs.random(4096, 105);
        String claimed = TestBlobs.sha256(TestBlobs.random(4096, 106));

        assertErrors(given().contentType(OCTET_STREAM).body(content).queryParam("digest", claimed)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
        assertNoBlobData(content);
        assertEquals(0, uploadSessions(repo));
    }

    @Test
    void aSmallFinalChunkAfterDataIsAppendedToIt() {
        String repo = TestBlobs.uniqueRepository("uploads/whole-after-patch");
        byte[] head = TestBlobs.random(1000, 107);
        byte[] tail = TestBlobs.random(4096, 108);
        byte[] content = new byte[head.length + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(tail, 0, content, head.length, tail.length);
        String location = patch(start(repo), head, 0).header("Location");

        assertStored(given().contentType(OCTET_STREAM).header("Content-Range", head.length + "-"
                + (content.length - 1)).body(tail).put(withDigest(location, TestBlobs.sha256(content))), repo, content);
        assertEquals(0, uploadSessions(repo));
    }

    @Test
    void aWholeBlobWithAContentRangeFromZeroIsStored() {
        String repo = TestBlobs.uniqueRepository("uploads/whole-range");
        byte[] content = TestBlobs.random(4096, 109);

        assertStored(given().contentType(OCTET_STREAM).header("Content-Range", "0-4095").body(content)
                .put(withDigest(start(repo), TestBlobs.sha256(content))), repo, content);
    }

    @Test
    void aContentRangeThatDisagreesWithTheBodyIsSizeInvalidAndStoresNothing() {
        String repo = TestBlobs.uniqueRepository("uploads/whole-range-wrong");
        byte[] content = TestBlobs.random(4096, 110);
        String location = start(repo);

        assertErrors(given().contentType(OCTET_STREAM).header("Content-Range", "0-99").body(content)
                .put(withDigest(location, TestBlobs.sha256(content))), ErrorCode.SIZE_INVALID);
        assertNoBlobData(content);
        assertEquals("0-0", given().get(location).header("Range"), "the session is unchanged");
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.wharf.api.UploadSupport.TWELVE_MIB;
import static dev.wharf.api.UploadSupport.assertBlob;
import static dev.wharf.api.UploadSupport.assertCreated;
import static dev.wharf.api.UploadSupport.digestOf;
import static dev.wharf.api.UploadSupport.uploadSessions;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static dev.wharf.testsupport.TestBlobs.concat;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing a blob upload: {@code PUT ?digest=} (end-6) with or without a final chunk, the digest checked before the
 * blob becomes visible, an existing blob linked rather than stored twice, and {@code DELETE} cancelling the session
 * (end-14), with the headers REFERENCE §1.3 lists and the answers registry:2 gives (§5).
 */
@QuarkusTest
class UploadCompletionApiTest {
    @Inject
    StorageDriver driver;

    @Test
    void putWithAnEmptyBodyClosesAnUploadMadeOfChunks() {
        String repo = TestBlobs.uniqueRepository("uploads/empty-put");
        byte[] content = TestBlobs.random(2048, 23);
        String location = patch(start(repo), content, 0).header("Location");
        assertCreated(complete(location, TestBlobs.sha256(content), new byte[0]), repo, TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
    }

    @Test
    void putWithAContentRangedFinalChunk() {
        String repo = TestBlobs.uniqueRepository("uploads/ranged-put");
        byte[] first = TestBlobs.random(100, 24);
        byte[] last = TestBlobs.random(50, 25);
        byte[] content = concat(first, last);
        String location = patch(start(repo), first, 0).header("Location");
        Response done = given().contentType(OCTET_STREAM).header("Content-Range", "100-149").body(last)
                .put(Uploads.withDigest(location, TestBlobs.sha256(content)));
        assertCreated(done, repo, TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
    }

    @Test
    void emptyBlobThroughPostThenPut() {
        String repo = TestBlobs.uniqueRepository("uploads/empty");
        String digest = TestBlobs.sha256(new byte[0]);
        assertCreated(complete(start(repo), digest, new byte[0]), repo, digest);
        assertBlob(repo, digest, new byte[0]);
    }

    @Test
    void putWithWrongDigestIsDigestInvalidAndRemovesTheSession() {
        // registry:2 (PROBE): 400 DIGEST_INVALID; distribution then cancels the upload.
        String repo = TestBlobs.uniqueRepository("uploads/put-wrong");
        byte[] content = TestBlobs.random(1000, 29);
        String claimed = TestBlobs.sha256(TestBlobs.random(1000, 30));
        String location = patch(start(repo), content, 0).header("Location");

        assertErrors(complete(location, claimed, new byte[0]), ErrorCode.DIGEST_INVALID);
        assertHeadError(given().head(blobPath(repo, claimed)), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, TestBlobs.sha256(content))), ErrorCode.BLOB_UNKNOWN);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertEquals(0, uploadSessions(driver, repo));
    }

    @Test
    void putWithoutDigestIsDigestInvalidAndTheSessionSurvives() {
        // distribution: "no digest? return error, but allow retry".
        String repo = TestBlobs.uniqueRepository("uploads/put-nodigest");
        byte[] content = TestBlobs.random(100, 31);
        String location = patch(start(repo), content, 0).header("Location");

        assertErrors(given().contentType(OCTET_STREAM).body(new byte[0]).put(location), ErrorCode.DIGEST_INVALID);
        assertErrors(given().contentType(OCTET_STREAM).body(new byte[0]).put(Uploads.withDigest(location, "sha256:xyz")),
                ErrorCode.DIGEST_INVALID);
        assertEquals("0-99", given().get(location).header("Range"));
        assertCreated(complete(location, TestBlobs.sha256(content), new byte[0]), repo, TestBlobs.sha256(content));
    }

    @Test
    void claimingTheDigestOfAForeignBlobWithOtherContentGainsNothing() {
        // Knowing a digest stored in another repository must not let garbage be "verified" against it.
        String owner = TestBlobs.uniqueRepository("uploads/secret-owner");
        String repo = TestBlobs.uniqueRepository("uploads/secret-claimer");
        String secret = pushBlob(owner, TestBlobs.random(500, 60));

        assertErrors(given().contentType(OCTET_STREAM).body(new byte[0]).queryParam("digest", secret)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
        assertErrors(complete(start(repo), secret, TestBlobs.random(500, 61)), ErrorCode.DIGEST_INVALID);
        assertErrors(complete(start(repo), secret, new byte[0]), ErrorCode.DIGEST_INVALID);
        assertHeadError(given().head(blobPath(repo, secret)), ErrorCode.BLOB_UNKNOWN);
    }

    @Test
    void uploadingContentTheRegistryAlreadyHoldsLinksIt() {
        String first = TestBlobs.uniqueRepository("uploads/dedupe-a");
        String second = TestBlobs.uniqueRepository("uploads/dedupe-b");
        byte[] content = TestBlobs.random(3000, 62);
        String digest = pushBlob(first, content);

        String location = patch(start(second), content, 0).header("Location");
        assertCreated(complete(location, digest, new byte[0]), second, digest);
        assertBlob(second, digest, content);
        assertBlob(first, digest, content);
        assertEquals(0, uploadSessions(driver, second));
    }

    @Test
    void chunkedUploadVerifiedWithSha512() throws Exception {
        String repo = TestBlobs.uniqueRepository("uploads/chunked-sha512");
        byte[] a = TestBlobs.random(1000, 63);
        byte[] b = TestBlobs.random(1000, 64);
        byte[] content = concat(a, b);
        String location = patch(start(repo), a, 0).header("Location");
        location = patch(location, b, 1000).header("Location");
        String digest = digestOf(content, "SHA-512");
        assertCreated(complete(location, digest, new byte[0]), repo, digest);
        assertBlob(repo, digest, content);
    }

    @Test
    void finalChunkOutOfOrderIs416AndTheSessionSurvives() {
        String repo = TestBlobs.uniqueRepository("uploads/final-ooo");
        byte[] a = TestBlobs.random(100, 65);
        byte[] b = TestBlobs.random(100, 66);
        byte[] content = concat(a, b);
        String location = patch(start(repo), a, 0).header("Location");

        Response rejected = given().contentType(OCTET_STREAM).header("Content-Range", "150-249").body(b)
                .put(Uploads.withDigest(location, TestBlobs.sha256(content)));
        assertErrors(rejected, ErrorCode.RANGE_INVALID);
        assertEquals("0-99", rejected.header("Range"));
        assertHeadError(given().head(blobPath(repo, TestBlobs.sha256(content))), ErrorCode.BLOB_UNKNOWN);

        Response status = given().head(location);
        assertEquals(204, status.statusCode(), "HEAD on the session is a status request, as in registry:2");
        assertEquals("0-99", status.header("Range"));
        Response done = given().contentType(OCTET_STREAM).header("Content-Range", "100-199").body(b)
                .put(Uploads.withDigest(location, TestBlobs.sha256(content)));
        assertCreated(done, repo, TestBlobs.sha256(content));
    }

    @Test
    void twelveMebibytesInOnePut() {
        // Quarkus' default body limit is 10 MB (quarkus.http.limits.max-body-size); Wharf raises it.
        String repo = TestBlobs.uniqueRepository("uploads/large-put");
        byte[] content = TestBlobs.random(TWELVE_MIB, 33);
        String digest = TestBlobs.sha256(content);
        assertCreated(complete(start(repo), digest, content), repo, digest);
        assertBlob(repo, digest, content);
    }

    // --- DELETE ------------------------------------------------------------------------------------------------------

    @Test
    void deleteCancelsTheUpload() {
        String repo = TestBlobs.uniqueRepository("uploads/cancel");
        byte[] content = TestBlobs.random(100, 32);
        String location = patch(start(repo), content, 0).header("Location");

        Response cancel = given().delete(location);
        assertEquals(204, cancel.statusCode(), cancel::asString);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(complete(location, TestBlobs.sha256(content), new byte[0]), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, TestBlobs.sha256(content))), ErrorCode.BLOB_UNKNOWN);
        assertEquals(0, uploadSessions(driver, repo));
    }
}

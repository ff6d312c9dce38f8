package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.regex.Pattern;

import static dev.wharf.api.UploadSupport.TWELVE_MIB;
import static dev.wharf.api.UploadSupport.assertBlob;
import static dev.wharf.api.UploadSupport.assertCreated;
import static dev.wharf.api.UploadSupport.digestOf;
import static dev.wharf.api.UploadSupport.uploadSessions;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a blob upload with {@code POST .../blobs/uploads/}: an empty session (end-4a), a whole blob in one
 * {@code POST ?digest=} (end-4b) and a cross-repository mount (end-11), with the headers REFERENCE §1.3 lists and the
 * answers registry:2 gives (§5).
 */
@QuarkusTest
class UploadStartApiTest {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    StorageDriver driver;

    @Test
    void postOpensASessionWithAbsoluteLocationUuidAndEmptyRange() {
        String repo = TestBlobs.uniqueRepository("uploads/post");
        Response response = given().post("/v2/" + repo + "/blobs/uploads/");

        assertEquals(202, response.statusCode(), response::asString);
        String location = response.header("Location");
        String uuid = response.header("Docker-Upload-UUID");
        assertTrue(UUID_PATTERN.matcher(uuid).matches(), uuid);
        URI uri = URI.create(location);
        assertTrue(uri.isAbsolute(), "registry:2 answers an absolute Location: " + location);
        assertEquals("/v2/" + repo + "/blobs/uploads/" + uuid, uri.getPath());
        assertEquals("0-0", response.header("Range"));
        assertEquals("0", response.header("Content-Length"));
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
    }

    @Test
    void singlePostWithDigestCreatesTheBlob() {
        String repo = TestBlobs.uniqueRepository("uploads/single");
        byte[] content = TestBlobs.random(5000, 10);
        String digest = TestBlobs.sha256(content);

        Response response = given().contentType(OCTET_STREAM).body(content).queryParam("digest", digest)
                .post("/v2/" + repo + "/blobs/uploads/");
        assertCreated(response, repo, digest);
        assertBlob(repo, digest, content);
        assertEquals(0, uploadSessions(driver, repo), "no session is left behind");
    }

    @Test
    void singlePostWithSha512Digest() throws Exception {
        String repo = TestBlobs.uniqueRepository("uploads/sha512");
        byte[] content = TestBlobs.random(777, 11);
        String digest = digestOf(content, "SHA-512");

        Response response = given().contentType(OCTET_STREAM).body(content).queryParam("digest", digest)
                .post("/v2/" + repo + "/blobs/uploads/");
        assertCreated(response, repo, digest);
        assertBlob(repo, digest, content);
    }

    @Test
    void singlePostWithWrongDigestIsDigestInvalidAndLeavesNothing() {
        String repo = TestBlobs.uniqueRepository("uploads/single-wrong");
        byte[] content = TestBlobs.random(5000, 12);
        String claimed = TestBlobs.sha256(TestBlobs.random(5000, 13));

        assertErrors(given().contentType(OCTET_STREAM).body(content).queryParam("digest", claimed)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
        assertHeadError(given().head(blobPath(repo, claimed)), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, TestBlobs.sha256(content))), ErrorCode.BLOB_UNKNOWN);
        assertEquals(0, uploadSessions(driver, repo), "no session is left behind");
    }

    @ParameterizedTest(name = "digest={0}")
    @ValueSource(strings = {"sha256:xyz", "md5:9dd4e461268c8034f5c8564e155c67a6", "sha256"})
    void singlePostWithMalformedDigestIsDigestInvalid(String digest) {
        String repo = TestBlobs.uniqueRepository("uploads/single-malformed");
        assertErrors(given().contentType(OCTET_STREAM).body(new byte[10]).queryParam("digest", digest)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
        assertEquals(0, uploadSessions(driver, repo));
    }

    @Test
    void twelveMebibytesInOnePost() {
        String repo = TestBlobs.uniqueRepository("uploads/large-post");
        byte[] content = TestBlobs.random(TWELVE_MIB, 34);
        String digest = TestBlobs.sha256(content);
        assertCreated(given().contentType(OCTET_STREAM).body(content).queryParam("digest", digest)
                .post("/v2/" + repo + "/blobs/uploads/"), repo, digest);
        assertEquals(String.valueOf(TWELVE_MIB), given().head(blobPath(repo, digest)).header("Content-Length"));
    }

    // --- mount -------------------------------------------------------------------------------------------------------

    @Test
    void mountFromARepositoryHoldingTheBlobIs201() {
        String from = TestBlobs.uniqueRepository("uploads/mount-from");
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        byte[] content = TestBlobs.random(100, 40);
        String digest = pushBlob(from, content);

        Response mount = given().queryParam("mount", digest).queryParam("from", from).post("/v2/" + repo + "/blobs/uploads/");
        assertCreated(mount, repo, digest);
        assertBlob(repo, digest, content);
        assertEquals(0, uploadSessions(driver, repo), "a mount opens no session");
    }

    @Test
    void mountFromARepositoryWithoutTheBlobOpensASession() {
        // SPEC end-11: a registry unable to mount SHOULD answer 202 and open an upload session.
        // The blob exists elsewhere: naming the wrong 'from' must not leak it.
        String holder = TestBlobs.uniqueRepository("uploads/mount-holder");
        String from = TestBlobs.uniqueRepository("uploads/mount-empty");
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        pushBlob(from, TestBlobs.random(10, 41));
        byte[] content = TestBlobs.random(100, 42);
        String digest = pushBlob(holder, content);

        Response mount = given().queryParam("mount", digest).queryParam("from", from).post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, mount.statusCode(), mount::asString);
        assertTrue(UUID_PATTERN.matcher(mount.header("Docker-Upload-UUID")).matches());
        assertEquals("0-0", mount.header("Range"));
        assertHeadError(given().head(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);

        assertCreated(complete(mount.header("Location"), digest, content), repo, digest);
        assertBlob(repo, digest, content);
    }

    @Test
    void mountOfAnUnknownBlobOpensASession() {
        String from = TestBlobs.uniqueRepository("uploads/mount-from");
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        pushBlob(from, TestBlobs.random(10, 43));
        String digest = TestBlobs.sha256(TestBlobs.random(10, 44));
        Response mount = given().queryParam("mount", digest).queryParam("from", from).post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, mount.statusCode(), mount::asString);
        assertEquals(204, given().get(mount.header("Location")).statusCode());
    }

    @Test
    void mountWithoutFromFindsTheBlobAnywhereInTheRegistry() {
        // SPEC end-11: "MAY treat the from parameter as optional, and MAY cross-mount the blob if it can be found"
        // (zot does; registry:2 answers 202). Wharf mounts.
        String holder = TestBlobs.uniqueRepository("uploads/mount-anywhere");
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        byte[] content = TestBlobs.random(100, 45);
        String digest = pushBlob(holder, content);

        Response mount = given().queryParam("mount", digest).post("/v2/" + repo + "/blobs/uploads/");
        assertCreated(mount, repo, digest);
        assertBlob(repo, digest, content);
    }

    @ParameterizedTest(name = "from={0}")
    @ValueSource(strings = {"UPPER", "a//b", "-a", "a/../b"})
    void mountWithMalformedFromIsNameInvalid(String from) {
        // registry:2 ignores a 'from' it cannot parse and opens a session; Wharf names the client's mistake.
        String holder = TestBlobs.uniqueRepository("uploads/mount-holder");
        String digest = pushBlob(holder, TestBlobs.random(10, 46));
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        assertErrors(given().queryParam("mount", digest).queryParam("from", from)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.NAME_INVALID);
        assertEquals(0, uploadSessions(driver, repo));
    }

    @Test
    void mountWithMalformedDigestIsDigestInvalid() {
        // registry:2 ignores a mount digest it cannot parse and opens a session; Wharf names the client's mistake.
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        assertErrors(given().queryParam("mount", "sha256:xyz").queryParam("from", "library/x")
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
    }
}

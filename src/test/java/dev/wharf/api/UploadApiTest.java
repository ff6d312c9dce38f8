package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.StorageWalk;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.patchStream;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blob uploads: POST (end-4a/4b), mount (end-11), PATCH (end-5), PUT (end-6), status (end-13) and cancel (end-14),
 * with the headers REFERENCE §1.3 lists and the answers registry:2 gives (§5).
 */
@QuarkusTest
class UploadApiTest {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int TWELVE_MIB = 12 * 1024 * 1024;

    @Inject
    StorageDriver driver;

    private static String blobPath(String repository, String digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static void assertBlob(String repository, String digest, byte[] content) {
        Response get = given().get(blobPath(repository, digest));
        assertEquals(200, get.statusCode(), get::asString);
        assertArrayEquals(content, get.asByteArray());
    }

    private static void assertCreated(Response response, String repository, String digest) {
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertTrue(response.header("Location").endsWith("/v2/" + repository + "/blobs/" + digest),
                response.header("Location"));
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
    }

    private static String uploadId(String location) {
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String digestOf(byte[] content, String algorithm) throws Exception {
        return algorithm.toLowerCase().replace("-", "") + ":"
                + HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    private int uploadSessions(String repository) {
        return StorageWalk.objects(driver, "/docker/registry/v2/repositories/" + repository + "/_uploads").size();
    }

    // --- POST -----------------------------------------------------------------------------------------------------

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
        assertEquals(0, uploadSessions(repo), "no session is left behind");
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
        assertEquals(0, uploadSessions(repo), "no session is left behind");
    }

    @ParameterizedTest(name = "digest={0}")
    @ValueSource(strings = {"sha256:xyz", "md5:9dd4e461268c8034f5c8564e155c67a6", "sha256"})
    void singlePostWithMalformedDigestIsDigestInvalid(String digest) {
        String repo = TestBlobs.uniqueRepository("uploads/single-malformed");
        assertErrors(given().contentType(OCTET_STREAM).body(new byte[10]).queryParam("digest", digest)
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
        assertEquals(0, uploadSessions(repo));
    }

    // --- POST, PATCH..., PUT ----------------------------------------------------------------------------------------

    @Test
    void chunkedUploadInOrderWithStatusAndFinalChunk() {
        String repo = TestBlobs.uniqueRepository("uploads/chunked");
        byte[] first = TestBlobs.random(1000, 20);
        byte[] second = TestBlobs.random(500, 21);
        byte[] last = TestBlobs.random(300, 22);
        byte[] content = concat(first, second, last);
        String digest = TestBlobs.sha256(content);
        String location = start(repo);
        String uuid = uploadId(location);

        Response one = patch(location, first, 0);
        assertEquals(202, one.statusCode(), one::asString);
        assertEquals("0-999", one.header("Range"));
        assertEquals(uuid, one.header("Docker-Upload-UUID"));
        assertEquals("0", one.header("Content-Length"));
        location = one.header("Location");

        Response two = patch(location, second, 1000);
        assertEquals(202, two.statusCode(), two::asString);
        assertEquals("0-1499", two.header("Range"));
        location = two.header("Location");

        Response status = given().get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-1499", status.header("Range"));
        assertEquals(uuid, status.header("Docker-Upload-UUID"));
        assertEquals(location, status.header("Location"));

        Response done = complete(location, digest, last);
        assertCreated(done, repo, digest);
        assertBlob(repo, digest, content);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
    }

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
    void outOfOrderAndOverlappingChunksAre416AndTheUploadStaysUsable() {
        // SPEC: chunks out of order MUST get 416; distribution registers RANGE_INVALID with 416. (registry:2 2.8.2
        // ignores Content-Range and appends: PROBE.) The client then asks for the offset and goes on.
        String repo = TestBlobs.uniqueRepository("uploads/ooo");
        byte[] content = TestBlobs.random(30, 26);
        byte[] a = Arrays.copyOfRange(content, 0, 10);
        byte[] b = Arrays.copyOfRange(content, 10, 20);
        byte[] c = Arrays.copyOfRange(content, 20, 30);
        String location = patch(start(repo), a, 0).header("Location");

        for (long badStart : new long[]{0, 5, 11, 20}) {
            Response rejected = patch(location, b, badStart);
            assertErrors(rejected, ErrorCode.RANGE_INVALID);
            assertEquals("0-9", rejected.header("Range"), "the 416 tells the current offset");
        }
        Response status = given().get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-9", status.header("Range"), "rejected chunks wrote nothing");

        location = patch(location, b, 10).header("Location");
        Response done = given().contentType(OCTET_STREAM).header("Content-Range", "20-29").body(c)
                .put(Uploads.withDigest(location, TestBlobs.sha256(content)));
        assertCreated(done, repo, TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
    }

    @Test
    void firstChunkMustStartAtZero() {
        String repo = TestBlobs.uniqueRepository("uploads/first-chunk");
        String location = start(repo);
        Response rejected = patch(location, new byte[10], 10);
        assertErrors(rejected, ErrorCode.RANGE_INVALID);
        assertEquals("0-0", rejected.header("Range"));
    }

    @ParameterizedTest(name = "Content-Range: {0}")
    @ValueSource(strings = {"abc", "9-0", "-5", "0-", "bytes */10"})
    void malformedContentRangeIs416(String contentRange) {
        String repo = TestBlobs.uniqueRepository("uploads/bad-range");
        String location = start(repo);
        assertErrors(given().contentType(OCTET_STREAM).header("Content-Range", contentRange).body(new byte[10])
                .patch(location), ErrorCode.RANGE_INVALID);
        assertEquals("0-0", given().get(location).header("Range"), "nothing was written");
    }

    @Test
    void patchWithoutContentRangeAppendsLikeDocker() {
        String repo = TestBlobs.uniqueRepository("uploads/stream");
        byte[] a = TestBlobs.random(4000, 27);
        byte[] b = TestBlobs.random(3000, 28);
        String location = start(repo);

        Response one = patchStream(location, a);
        assertEquals(202, one.statusCode(), one::asString);
        assertEquals("0-3999", one.header("Range"));
        Response two = patchStream(one.header("Location"), b);
        assertEquals(202, two.statusCode());
        assertEquals("0-6999", two.header("Range"));

        byte[] content = concat(a, b);
        assertCreated(complete(two.header("Location"), TestBlobs.sha256(content), new byte[0]), repo,
                TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
    }

    @Test
    void contentLengthThatDoesNotMatchContentRangeIsSizeInvalid() {
        String repo = TestBlobs.uniqueRepository("uploads/size");
        String location = patch(start(repo), new byte[10], 0).header("Location");
        assertErrors(given().contentType(OCTET_STREAM).header("Content-Range", "10-29").body(new byte[10])
                .patch(location), ErrorCode.SIZE_INVALID);
        assertEquals("0-9", given().get(location).header("Range"), "the session is unchanged");
        assertEquals(202, patch(location, new byte[5], 10).statusCode(), "and still usable");
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
        assertEquals(0, uploadSessions(repo));
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
    void chunkCutShortByTheClientLeavesTheSessionWhereItWas() throws Exception {
        String repo = TestBlobs.uniqueRepository("uploads/cut");
        byte[] first = TestBlobs.random(100, 37);
        String location = patch(start(repo), first, 0).header("Location");
        String path = URI.create(location).getPath();

        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Range: 100-1099\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[400]);
            out.flush();
            Thread.sleep(200);
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        }

        Response status = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            status = given().get(location);
            if ("0-99".equals(status.header("Range"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(204, status.statusCode(), status.asString());
        assertEquals("0-99", status.header("Range"), "the cut chunk was rolled back");
        byte[] second = TestBlobs.random(50, 38);
        byte[] content = concat(first, second);
        assertEquals(202, patch(location, second, 100).statusCode(), "the session is still usable");
        assertCreated(complete(location, TestBlobs.sha256(content), new byte[0]), repo, TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
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
        assertEquals(0, uploadSessions(second));
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

    // --- signed upload state (_state) and saved hash state -------------------------------------------------------

    private static String withoutState(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath();
    }

    private static String withState(String location, String state) {
        return withoutState(location) + "?_state=" + state;
    }

    private static String stateOf(String location) {
        String query = URI.create(location).getRawQuery();
        assertTrue(query != null && query.startsWith("_state="), location);
        return query.substring("_state=".length());
    }

    @Test
    void everyRequestOnASessionNeedsItsSignedState() {
        // registry:2 (hmac.go): no, forged or tampered _state is 404 BLOB_UPLOAD_INVALID, on GET, PATCH, PUT and DELETE.
        String repo = TestBlobs.uniqueRepository("uploads/state");
        byte[] content = TestBlobs.random(100, 70);
        String digest = TestBlobs.sha256(content);
        String location = patch(start(repo), content, 0).header("Location");
        String state = stateOf(location);
        char last = state.charAt(state.length() - 1);
        String tampered = state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A');
        String flipped = (state.charAt(0) == 'A' ? "B" : "A") + state.substring(1);
        String other = stateOf(start(repo));

        for (String bad : new String[]{withoutState(location), withState(location, ""), withState(location, tampered),
                withState(location, flipped), withState(location, "not*base64"), withState(location, "AAAA"),
                withState(location, other)}) {
            assertErrors(given().urlEncodingEnabled(false).get(bad), ErrorCode.BLOB_UPLOAD_INVALID);
            assertErrors(given().urlEncodingEnabled(false).contentType(OCTET_STREAM).body(new byte[1]).patch(bad),
                    ErrorCode.BLOB_UPLOAD_INVALID);
            assertErrors(given().urlEncodingEnabled(false).contentType(OCTET_STREAM).body(new byte[0])
                    .put(Uploads.withDigest(bad, digest)), ErrorCode.BLOB_UPLOAD_INVALID);
            assertErrors(given().urlEncodingEnabled(false).delete(bad), ErrorCode.BLOB_UPLOAD_INVALID);
        }
        assertEquals("0-99", given().get(location).header("Range"), "refused requests changed nothing");
        assertCreated(complete(location, digest, new byte[0]), repo, digest);
    }

    @Test
    void aStateSignedForOneRepositoryIsInvalidOnAnother() {
        String repo = TestBlobs.uniqueRepository("uploads/state-a");
        String other = TestBlobs.uniqueRepository("uploads/state-b");
        String mine = start(repo);
        String theirs = start(other);
        String forged = withState(theirs, stateOf(mine));
        assertErrors(given().urlEncodingEnabled(false).get(forged), ErrorCode.BLOB_UPLOAD_INVALID);
        assertErrors(given().urlEncodingEnabled(false).delete(forged), ErrorCode.BLOB_UPLOAD_INVALID);
    }

    @Test
    void aStaleStateGetsTheStatusButCannotAppendWithoutARange() {
        // A client that lost an answer asks where the upload stands and goes on from the fresh Location; appending
        // blindly from a stale one is refused, as registry:2 does ("upload resumed at wrong offset").
        String repo = TestBlobs.uniqueRepository("uploads/stale");
        byte[] a = TestBlobs.random(100, 71);
        byte[] b = TestBlobs.random(100, 72);
        String stale = start(repo);
        String fresh = patchStream(stale, a).header("Location");

        Response rejected = patchStream(stale, b);
        assertErrors(rejected, ErrorCode.BLOB_UPLOAD_INVALID);
        assertEquals("0-99", rejected.header("Range"));
        assertErrors(given().contentType(OCTET_STREAM).body(b).put(Uploads.withDigest(stale, TestBlobs.sha256(concat(a, b)))),
                ErrorCode.BLOB_UPLOAD_INVALID);

        Response status = given().get(stale);
        assertEquals(204, status.statusCode(), status::asString);
        assertEquals("0-99", status.header("Range"));
        assertEquals(fresh, status.header("Location"), "the status answer carries the current state");
        assertEquals(202, patch(stale, b, 100).statusCode(), "a Content-Range says where the bytes go");
        String done = given().get(stale).header("Location");
        assertCreated(complete(done, TestBlobs.sha256(concat(a, b)), new byte[0]), repo, TestBlobs.sha256(concat(a, b)));
    }

    @Test
    void eachChunkSavesTheHashStateAtItsOffset() throws Exception {
        // distribution's layout: _uploads/<id>/hashstates/sha256/<offset>, Go's MarshalBinary format (108 bytes).
        String repo = TestBlobs.uniqueRepository("uploads/hashstates");
        byte[] a = TestBlobs.random(1000, 73);
        byte[] b = TestBlobs.random(500, 74);
        String location = start(repo);
        String dir = "/docker/registry/v2/repositories/" + repo + "/_uploads/" + uploadId(location) + "/hashstates/sha256";
        location = patch(location, a, 0).header("Location");
        location = patch(location, b, 1000).header("Location");
        assertEquals(java.util.List.of("1000", "1500"), driver.list(dir));
        byte[] saved = driver.getContent(dir + "/1500");
        assertEquals(108, saved.length);
        assertEquals("sha\u0003", new String(saved, 0, 4, StandardCharsets.ISO_8859_1));

        // The saved state, not the data, is what completion resumes from: swap in the state of other bytes.
        dev.wharf.store.Sha256State forged = new dev.wharf.store.Sha256State();
        byte[] other = TestBlobs.random(1500, 75);
        forged.update(other, 0, other.length);
        driver.putContent(dir + "/1500", forged.marshal());
        assertErrors(complete(location, TestBlobs.sha256(concat(a, b)), new byte[0]), ErrorCode.DIGEST_INVALID);
    }

    @Test
    void missingOrUnreadableHashStatesFallBackToTheData() throws Exception {
        // Uploads begun by registry:2 or an older Wharf, or a save that failed: hash the data after the latest state.
        String repo = TestBlobs.uniqueRepository("uploads/no-hashstates");
        byte[] a = TestBlobs.random(1000, 76);
        byte[] b = TestBlobs.random(700, 77);
        byte[] c = TestBlobs.random(300, 78);
        String location = start(repo);
        String dir = "/docker/registry/v2/repositories/" + repo + "/_uploads/" + uploadId(location) + "/hashstates/sha256";
        location = patch(location, a, 0).header("Location");
        location = patch(location, b, 1000).header("Location");
        driver.putContent(dir + "/1700", new byte[]{1, 2, 3});
        location = patch(location, c, 1700).header("Location");
        driver.delete(dir + "/2000");
        byte[] content = concat(a, b, c);
        assertCreated(complete(location, TestBlobs.sha256(content), new byte[0]), repo, TestBlobs.sha256(content));
        assertBlob(repo, TestBlobs.sha256(content), content);
    }

    // --- unknown and malformed sessions ----------------------------------------------------------------------------

    @Test
    void unknownUploadIs404BlobUploadUnknown() {
        String repo = TestBlobs.uniqueRepository("uploads/unknown");
        String location = "/v2/" + repo + "/blobs/uploads/" + UUID.randomUUID();
        String digest = TestBlobs.sha256(new byte[1]);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(patch(location, new byte[1], 0), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(patchStream(location, new byte[1]), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(complete(location, digest, new byte[1]), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().delete(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);
    }

    @Test
    void uploadCollectionWithoutIdIs404BlobUploadUnknown() {
        String repo = TestBlobs.uniqueRepository("uploads/no-id");
        String collection = "/v2/" + repo + "/blobs/uploads/";
        assertErrors(given().get(collection), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().delete(collection), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().contentType(OCTET_STREAM).body(new byte[1]).patch(collection),
                ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().contentType(OCTET_STREAM).body(new byte[1])
                .put(collection + "?digest=" + TestBlobs.sha256(new byte[1])), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertHeadError(given().head(collection), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().get("/v2/Bad/blobs/uploads/"), ErrorCode.NAME_INVALID);
        assertEquals(0, uploadSessions(repo));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-a-uuid", "%2e%2e%2Fx", "..%2F..%2F_layers", "%2e%2e%2F%2e%2e",
            "0D2B6E2A-1F2C-4C1B-9E9A-6A3B2C1D0E0F", "0d2b6e2a1f2c4c1b9e9a6a3b2c1d0e0f"})
    void malformedUploadIdIs404BlobUploadUnknown(String id) {
        String repo = TestBlobs.uniqueRepository("uploads/malformed-id");
        String location = "/v2/" + repo + "/blobs/uploads/" + id;
        String digest = TestBlobs.sha256(new byte[1]);
        assertErrors(given().urlEncodingEnabled(false).get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().urlEncodingEnabled(false).contentType(OCTET_STREAM).body(new byte[1]).patch(location),
                ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().urlEncodingEnabled(false).contentType(OCTET_STREAM).body(new byte[1])
                .put(location + "?digest=" + digest), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().urlEncodingEnabled(false).delete(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertEquals(0, uploadSessions(repo));
    }

    @Test
    void sessionOfOneRepositoryIsUnknownInAnother() {
        // registry:2 answers 404 BLOB_UPLOAD_INVALID (name in _state mismatches); Wharf has no session there at all.
        String repo = TestBlobs.uniqueRepository("uploads/owner");
        String other = TestBlobs.uniqueRepository("uploads/thief");
        String location = start(repo);
        String foreign = "/v2/" + other + "/blobs/uploads/" + uploadId(location);
        assertErrors(given().get(foreign), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(patchStream(foreign, new byte[3]), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().delete(foreign), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertEquals(204, given().get(location).statusCode(), "the owner's session is untouched");
    }

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
        assertEquals(0, uploadSessions(repo));
    }

    // --- large bodies ------------------------------------------------------------------------------------------------

    @Test
    void twelveMebibytesInOnePut() {
        // Quarkus' default body limit is 10 MB (quarkus.http.limits.max-body-size); Wharf raises it.
        String repo = TestBlobs.uniqueRepository("uploads/large-put");
        byte[] content = TestBlobs.random(TWELVE_MIB, 33);
        String digest = TestBlobs.sha256(content);
        assertCreated(complete(start(repo), digest, content), repo, digest);
        assertBlob(repo, digest, content);
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

    @Test
    void twelveMebibyteChunks() {
        String repo = TestBlobs.uniqueRepository("uploads/large-patch");
        byte[] a = TestBlobs.random(TWELVE_MIB, 35);
        byte[] b = TestBlobs.random(TWELVE_MIB, 36);
        byte[] content = concat(a, b);
        Response one = patch(start(repo), a, 0);
        assertEquals(202, one.statusCode(), one::asString);
        assertEquals("0-" + (TWELVE_MIB - 1), one.header("Range"));
        Response two = patchStream(one.header("Location"), b);
        assertEquals(202, two.statusCode(), two::asString);
        assertEquals("0-" + (2 * TWELVE_MIB - 1), two.header("Range"));
        String digest = TestBlobs.sha256(content);
        assertCreated(complete(two.header("Location"), digest, new byte[0]), repo, digest);
        assertBlob(repo, digest, content);
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
        assertEquals(0, uploadSessions(repo), "a mount opens no session");
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
        assertEquals(0, uploadSessions(repo));
    }

    @Test
    void mountWithMalformedDigestIsDigestInvalid() {
        // registry:2 ignores a mount digest it cannot parse and opens a session; Wharf names the client's mistake.
        String repo = TestBlobs.uniqueRepository("uploads/mount-to");
        assertErrors(given().queryParam("mount", "sha256:xyz").queryParam("from", "library/x")
                .post("/v2/" + repo + "/blobs/uploads/"), ErrorCode.DIGEST_INVALID);
    }

    // --- Location ----------------------------------------------------------------------------------------------------

    @Test
    void absoluteLocationIsFollowedAsIs() {
        String repo = TestBlobs.uniqueRepository("uploads/absolute");
        byte[] content = TestBlobs.random(100, 47);
        String location = start(repo);
        assertTrue(URI.create(location).isAbsolute(), location);
        Response patched = patchStream(location, content);
        assertTrue(URI.create(patched.header("Location")).isAbsolute());
        Response done = complete(patched.header("Location"), TestBlobs.sha256(content), new byte[0]);
        assertCreated(done, repo, TestBlobs.sha256(content));
        Response blob = given().get(done.header("Location"));
        assertEquals(200, blob.statusCode());
        assertArrayEquals(content, blob.asByteArray());
    }

    @Test
    void forwardedProtoAndHostMakeTheLocation() {
        String repo = TestBlobs.uniqueRepository("uploads/forwarded");
        Response response = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "registry.example.com")
                .post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, response.statusCode());
        String uuid = response.header("Docker-Upload-UUID");
        String location = response.header("Location");
        assertTrue(location.startsWith("https://registry.example.com/v2/" + repo + "/blobs/uploads/" + uuid + "?_state="),
                location);

        byte[] content = TestBlobs.random(10, 48);
        String digest = TestBlobs.sha256(content);
        URI uri = URI.create(location);
        Response done = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "registry.example.com")
                .contentType(OCTET_STREAM).body(content)
                .put(Uploads.withDigest(uri.getRawPath() + "?" + uri.getRawQuery(), digest));
        assertEquals(201, done.statusCode(), done::asString);
        assertEquals("https://registry.example.com/v2/" + repo + "/blobs/" + digest, done.header("Location"));
    }

    @Test
    void forwardedHeadersTakeTheFirstHopOfAList() {
        // Each proxy appends its own value; the first is the client-facing one (registry:2 takes the first host).
        String repo = TestBlobs.uniqueRepository("uploads/forwarded-list");
        Response response = given().header("X-Forwarded-Proto", "https, http")
                .header("X-Forwarded-Host", "a.example.com, b.internal").post("/v2/" + repo + "/blobs/uploads/");
        assertTrue(response.header("Location").startsWith("https://a.example.com/v2/" + repo + "/blobs/uploads/"),
                response.header("Location"));
    }

    @Test
    void rfc7239ForwardedHeaderIsPreferred() {
        // registry:2 (PROBE, urls.go NewURLBuilderFromRequest): "Forwarded: proto=https;host=fwd.example.com" gives
        // https://fwd.example.com/v2/..., and it wins over X-Forwarded-*.
        String repo = TestBlobs.uniqueRepository("uploads/rfc7239");
        Response response = given().header("Forwarded", "for=192.0.2.1;proto=https;host=fwd.example.com, for=10.0.0.1")
                .header("X-Forwarded-Host", "ignored.example.com").post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, response.statusCode());
        assertTrue(response.header("Location").startsWith("https://fwd.example.com/v2/" + repo + "/blobs/uploads/"),
                response.header("Location"));

        Response quoted = given().header("Forwarded", "Host=\"fwd.example.com:8443\"").post("/v2/" + repo + "/blobs/uploads/");
        assertTrue(quoted.header("Location").startsWith("http://fwd.example.com:8443/v2/" + repo + "/blobs/uploads/"),
                quoted.header("Location"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "X-Forwarded-Host | evil.example.com/phish?x=",
            "X-Forwarded-Host | evil.example.com\\@x",
            "Forwarded        | host=\"evil.example.com/x\"",
            "Forwarded        | proto=javascript;host=ok.example.com",
    })
    void forwardedValuesThatAreNotAHostOrSchemeAreNotUsed(String header, String value) {
        String repo = TestBlobs.uniqueRepository("uploads/forwarded-bad");
        Response response = given().header(header, value).post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, response.statusCode());
        String location = response.header("Location");
        assertTrue(!location.contains("evil") && !location.startsWith("javascript"), location);
        assertTrue(location.contains("/v2/" + repo + "/blobs/uploads/"), location);
    }

    @Test
    void hostHeaderMakesTheLocationWithoutForwarding() {
        String repo = TestBlobs.uniqueRepository("uploads/host");
        Response response = given().header("Host", "reg.internal:5000").post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, response.statusCode());
        assertTrue(response.header("Location").startsWith("http://reg.internal:5000/v2/" + repo + "/blobs/uploads/"),
                response.header("Location"));
        assertNotEquals(null, response.header("Docker-Upload-UUID"));
    }
}

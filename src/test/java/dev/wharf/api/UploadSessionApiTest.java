package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.UUID;

import static dev.wharf.api.UploadSupport.assertCreated;
import static dev.wharf.api.UploadSupport.uploadId;
import static dev.wharf.api.UploadSupport.uploadSessions;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.TestBlobs.concat;
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
 * Addressing a blob upload session: its status (end-13) and the signed {@code _state} every request on it carries,
 * unknown, malformed and foreign session ids (404), and the {@code Location} built from {@code Host} and the
 * forwarding headers, with the answers registry:2 gives (§5).
 */
@QuarkusTest
class UploadSessionApiTest {
    @Inject
    StorageDriver driver;

    // --- signed upload state (_state) --------------------------------------------------------------------------------

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

    // --- unknown and malformed sessions ------------------------------------------------------------------------------

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
        assertEquals(0, uploadSessions(driver, repo));
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
        assertEquals(0, uploadSessions(driver, repo));
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

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.StorageWalk;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /v2/<name>/blobs/<digest>}: HEAD and GET (end-2, with {@code Range}) and DELETE (end-10). */
@QuarkusTest
class BlobApiTest {
    private static final byte[] CONTENT = TestBlobs.utf8("hello world 0123456789");
    private static final String HEX = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";

    @Inject
    StorageDriver driver;

    @Test
    void headBlobAnswersSizeDigestAndTypeWithoutBody() {
        String repo = TestBlobs.uniqueRepository("blobs/head");
        byte[] content = TestBlobs.random(3000, 1);
        String digest = pushBlob(repo, content);

        Response response = given().head(blobPath(repo, digest));
        assertEquals(200, response.statusCode());
        assertEquals("3000", response.header("Content-Length"));
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertEquals("application/octet-stream", response.contentType());
        assertEquals("bytes", response.header("Accept-Ranges"));
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
        assertEquals(0, response.asByteArray().length);
    }

    @Test
    void getBlobStreamsTheExactBytes() {
        String repo = TestBlobs.uniqueRepository("blobs/get");
        byte[] content = TestBlobs.random(300_000, 2);
        String digest = pushBlob(repo, content);

        Response response = given().get(blobPath(repo, digest));
        assertEquals(200, response.statusCode());
        assertArrayEquals(content, response.asByteArray());
        assertEquals("300000", response.header("Content-Length"));
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertEquals("application/octet-stream", response.contentType());
        assertEquals("bytes", response.header("Accept-Ranges"));
    }

    @Test
    void blobsAreCacheableByDigestAndRevalidateWithIfNoneMatch() {
        String repo = TestBlobs.uniqueRepository("blobs/etag");
        byte[] content = TestBlobs.random(5000, 3);
        String digest = pushBlob(repo, content);
        String etag = "\"" + digest + "\"";

        for (Response response : List.of(given().get(blobPath(repo, digest)), given().head(blobPath(repo, digest)))) {
            assertEquals(200, response.statusCode());
            assertEquals(etag, response.header("ETag"));
            assertEquals("max-age=31536000", response.header("Cache-Control"));
        }

        Response revalidated = given().header("If-None-Match", "\"sha256:other\", " + etag).get(blobPath(repo, digest));
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.asByteArray().length);
        assertEquals(etag, revalidated.header("ETag"));
        assertEquals(304, given().header("If-None-Match", etag).head(blobPath(repo, digest)).statusCode());

        Response stale = given().header("If-None-Match", "\"sha256:other\"").get(blobPath(repo, digest));
        assertEquals(200, stale.statusCode());
        assertArrayEquals(content, stale.asByteArray());
    }

    @Test
    void ifNoneMatchNeverHidesAMissingBlob() {
        String repo = TestBlobs.uniqueRepository("blobs/etag-missing");
        String digest = TestBlobs.sha256(TestBlobs.utf8("never pushed"));
        assertErrors(given().header("If-None-Match", "*").get(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);
    }

    @Test
    void emptyBlobIsServed() {
        String repo = TestBlobs.uniqueRepository("blobs/empty");
        String digest = pushBlob(repo, new byte[0]);
        Response head = given().head(blobPath(repo, digest));
        assertEquals(200, head.statusCode());
        assertEquals("0", head.header("Content-Length"));
        Response get = given().get(blobPath(repo, digest));
        assertEquals(200, get.statusCode());
        assertEquals(0, get.asByteArray().length);
    }

    @ParameterizedTest(name = "Range: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-4   | bytes 0-4/22   | hello",
            "bytes=6-10  | bytes 6-10/22  | world",
            "bytes=12-   | bytes 12-21/22 | 0123456789",
            "bytes=-3    | bytes 19-21/22 | 789",
            "bytes=-100  | bytes 0-21/22  | hello world 0123456789",
            "bytes=0-999 | bytes 0-21/22  | hello world 0123456789",
            "bytes=21-21 | bytes 21-21/22 | 9",
            "bytes=0-99999999999999999999 | bytes 0-21/22 | hello world 0123456789",
    })
    void rangeAnswers206WithContentRangeAndExactBytes(String range, String contentRange, String expected) {
        // registry:2 (PROBE): bytes=0-4 -> 206, Content-Range: bytes 0-4/22; suffix and open ranges as RFC 9110 §14.1.
        String repo = TestBlobs.uniqueRepository("blobs/range");
        String digest = pushBlob(repo, CONTENT);

        Response response = given().header("Range", range).get(blobPath(repo, digest));
        assertEquals(206, response.statusCode(), response::asString);
        assertEquals(contentRange, response.header("Content-Range"));
        assertEquals(expected, response.asString());
        assertEquals(String.valueOf(expected.length()), response.header("Content-Length"));
        assertEquals(digest, response.header("Docker-Content-Digest"));
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(strings = {"bytes=22-", "bytes=100-200", "bytes=-0"})
    void unsatisfiableRangeIs416WithTheSize(String range) {
        // RFC 9110 §14.1.1/§15.5.17: a first-pos at or past the end, or a zero suffix, is unsatisfiable;
        // the 416 carries "Content-Range: bytes */<size>" (registry:2 sends the same header).
        String repo = TestBlobs.uniqueRepository("blobs/range416");
        String digest = pushBlob(repo, CONTENT);

        Response response = given().header("Range", range).get(blobPath(repo, digest));
        assertErrors(response, ErrorCode.RANGE_INVALID);
        assertEquals("bytes */22", response.header("Content-Range"));
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(strings = {"bytes=abc", "bytes=5-2", "bytes=", "bytes=-", "bytes=0-1,x", "BYTES=1-x", "bytes=1--2"})
    void malformedByteRangeIs416(String range) {
        // RFC 9110 §14.2: a byte range that is invalid gets 416, as registry:2 (Go's ServeContent) answers.
        String repo = TestBlobs.uniqueRepository("blobs/rangebad");
        String digest = pushBlob(repo, CONTENT);

        Response response = given().header("Range", range).get(blobPath(repo, digest));
        assertErrors(response, ErrorCode.RANGE_INVALID);
        assertEquals("bytes */22", response.header("Content-Range"));
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(strings = {"items=0-1", "0-4", "bytes=0-1,3-4", "bytes=0-1, -2"})
    void rangeInAnotherUnitOrSeveralRangesAreIgnored(String range) {
        // RFC 9110 §14.2: a server MUST ignore an unknown unit and MAY ignore Range: Wharf serves the whole blob
        // where registry:2 answers a multi-range with multipart/byteranges.
        String repo = TestBlobs.uniqueRepository("blobs/rangeignored");
        String digest = pushBlob(repo, CONTENT);

        Response response = given().header("Range", range).get(blobPath(repo, digest));
        assertEquals(200, response.statusCode());
        assertArrayEquals(CONTENT, response.asByteArray());
        assertNull(response.header("Content-Range"));
    }

    @Test
    void unknownBlobIs404BlobUnknown() {
        String repo = TestBlobs.uniqueRepository("blobs/unknown");
        pushBlob(repo, TestBlobs.random(10, 3));
        String missing = TestBlobs.sha256(TestBlobs.random(10, 4));
        assertErrors(given().get(blobPath(repo, missing)), ErrorCode.BLOB_UNKNOWN);
        Response head = given().head(blobPath(repo, missing));
        assertHeadError(head, ErrorCode.BLOB_UNKNOWN);
        assertEquals("registry/2.0", head.header("Docker-Distribution-API-Version"));
    }

    @Test
    void aManifestIsNotABlobOfItsRepository() {
        // registry:2 (checked on 2.8.2): the blob endpoint serves layers and configs only; manifests have their own.
        String repo = TestBlobs.uniqueRepository("blobs/manifest");
        byte[] config = TestBlobs.utf8("{}");
        String configDigest = pushBlob(repo, config);
        String manifest = RegistryApi.pushManifest(repo, "v1", Manifests.OCI_MANIFEST,
                RegistryApi.ociManifest(configDigest, config.length));
        assertErrors(given().get(blobPath(repo, manifest)), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head(blobPath(repo, manifest)), ErrorCode.BLOB_UNKNOWN);
    }

    @Test
    void blobOfAnUnknownRepositoryIs404BlobUnknown() {
        // registry:2 answers BLOB_UNKNOWN here too: blob lookups never check the repository first.
        String missing = TestBlobs.sha256(TestBlobs.random(10, 5));
        assertErrors(given().get(blobPath(TestBlobs.uniqueRepository("blobs/norepo"), missing)), ErrorCode.BLOB_UNKNOWN);
    }

    static Stream<String> malformedDigests() {
        return Stream.of("sha256:xyz", "md5:9dd4e461268c8034f5c8564e155c67a6", "sha256:" + HEX.substring(1),
                "sha256:" + HEX.toUpperCase(), "sha256:" + HEX + "0", "sha512:" + HEX, "sha256", "sha256:",
                "SHA256:" + HEX, ":" + HEX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDigests")
    void malformedDigestIs400DigestInvalid(String digest) {
        // PROBE (registry:2 2.8.2): GET /v2/a/b/blobs/sha256:xyz, md5:…, 63 hex, upper-case hex -> 400 DIGEST_INVALID.
        String repo = TestBlobs.uniqueRepository("blobs/baddigest");
        assertErrors(given().get(blobPath(repo, digest)), ErrorCode.DIGEST_INVALID);
        assertHeadError(given().head(blobPath(repo, digest)), ErrorCode.DIGEST_INVALID);
        assertErrors(given().delete(blobPath(repo, digest)), ErrorCode.DIGEST_INVALID);
    }

    static Stream<String> invalidNames() {
        return Stream.of("UPPER/case", "a/Upper", "-a", "a-", "a/-b", "a%2F%2Fb", "a%2F", "a/..%2Fb",
                "a%2F..%2F..%2Fb", "%2e%2e%2Fetc", "a%5Cb", "a%00b", "a%20b", "a..b", "a/.b", "_a", "a___b",
                "a".repeat(256), "a/" + "b".repeat(254));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNames")
    void invalidRepositoryNameIs400NameInvalidAndNeverReachesStorage(String name) {
        String digest = pushBlob(TestBlobs.uniqueRepository("blobs/valid"), CONTENT);
        List<String> before = StorageWalk.objects(driver, "/");
        assertFalse(before.isEmpty(), "the walk sees the stored blob");

        assertErrors(given().urlEncodingEnabled(false).get("/v2/" + name + "/blobs/" + digest), ErrorCode.NAME_INVALID);
        assertHeadError(given().urlEncodingEnabled(false).head("/v2/" + name + "/blobs/" + digest), ErrorCode.NAME_INVALID);
        assertErrors(given().urlEncodingEnabled(false).delete("/v2/" + name + "/blobs/" + digest), ErrorCode.NAME_INVALID);
        assertErrors(given().urlEncodingEnabled(false).body(CONTENT).contentType("application/octet-stream")
                .post("/v2/" + name + "/blobs/uploads/?digest=" + digest), ErrorCode.NAME_INVALID);
        assertErrors(given().urlEncodingEnabled(false).post("/v2/" + name + "/blobs/uploads/"), ErrorCode.NAME_INVALID);

        assertEquals(before, StorageWalk.objects(driver, "/"), "nothing was written");
        for (String path : StorageWalk.objects(driver, "/")) {
            assertTrue(path.startsWith("/docker/registry/v2/"), path);
            assertFalse(Arrays.asList(path.split("/")).contains(".."), path);
        }
    }

    @Test
    void nameOf255CharactersIsValid() {
        String name = "a".repeat(120) + "/" + "b".repeat(134);
        assertEquals(255, name.length());
        String digest = pushBlob(name, CONTENT);
        assertEquals(200, given().head(blobPath(name, digest)).statusCode());
    }

    @Test
    void dotSegmentsAndEmptySegmentsAreCleanedBeforeTheNameIsRead() {
        // Like registry:2, which answers 301 to the cleaned path (PROBE: /v2/a//b/... and /v2/a/.%2e/a/b/... -> /v2/a/b/...),
        // Wharf cleans the path (RFC 3986 §5.2.4) before routing: the name is that of the cleaned path, always valid.
        String repo = TestBlobs.uniqueRepository("blobsclean");
        String digest = pushBlob(repo, CONTENT);
        String[] parts = repo.split("/");
        for (String path : List.of(
                "/v2/" + parts[0] + "//" + parts[1] + "/blobs/" + digest,
                "/v2/" + parts[0] + "/x/%2e%2e/" + parts[1] + "/blobs/" + digest,
                "/v2/" + parts[0] + "/./" + parts[1] + "/blobs/" + digest)) {
            Response response = given().urlEncodingEnabled(false).get(path);
            assertEquals(200, response.statusCode(), path);
            assertArrayEquals(CONTENT, response.asByteArray(), path);
        }
    }

    @Test
    void blobOfOneRepositoryIsInvisibleInAnotherUntilMounted() {
        String a = TestBlobs.uniqueRepository("blobs/isolation-a");
        String b = TestBlobs.uniqueRepository("blobs/isolation-b");
        byte[] content = TestBlobs.random(1234, 6);
        String digest = pushBlob(a, content);

        assertErrors(given().get(blobPath(b, digest)), ErrorCode.BLOB_UNKNOWN);
        assertHeadError(given().head(blobPath(b, digest)), ErrorCode.BLOB_UNKNOWN);
        assertErrors(given().delete(blobPath(b, digest)), ErrorCode.BLOB_UNKNOWN);

        Response mount = given().queryParam("mount", digest).queryParam("from", a).post("/v2/" + b + "/blobs/uploads/");
        assertEquals(201, mount.statusCode(), mount::asString);
        Response get = given().get(blobPath(b, digest));
        assertEquals(200, get.statusCode());
        assertArrayEquals(content, get.asByteArray());
    }

    @Test
    void deleteBlobAnswers202ThenTheBlobIsGone() {
        String repo = TestBlobs.uniqueRepository("blobs/delete");
        String other = TestBlobs.uniqueRepository("blobs/delete-other");
        byte[] content = TestBlobs.random(100, 7);
        String digest = pushBlob(repo, content);
        pushBlob(other, content);

        Response delete = given().delete(blobPath(repo, digest));
        assertEquals(202, delete.statusCode(), delete::asString);
        assertEquals("registry/2.0", delete.header("Docker-Distribution-API-Version"));

        assertHeadError(given().head(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);
        assertErrors(given().get(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);
        assertErrors(given().delete(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);
        assertEquals(200, given().head(blobPath(other, digest)).statusCode(), "other repositories keep their link");
    }

    @Test
    void deleteOfAnUnknownBlobIs404BlobUnknown() {
        String repo = TestBlobs.uniqueRepository("blobs/delete-unknown");
        assertErrors(given().delete(blobPath(repo, TestBlobs.sha256(TestBlobs.random(10, 8)))), ErrorCode.BLOB_UNKNOWN);
    }

    /** What {@code registry garbage-collect} does to a blob no manifest references, behind the registry's back. */
    @Test
    void blobDataRemovedBehindTheRegistryIsUnknownThenStoredAgainWhenPushedAgain() throws IOException {
        String repo = TestBlobs.uniqueRepository("collected");
        byte[] content = TestBlobs.random(3000, 41);
        String digest = pushBlob(repo, content);
        given().head(blobPath(repo, digest)).then().statusCode(200);
        String hex = digest.substring("sha256:".length());
        driver.delete("/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex);

        assertErrors(given().get(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);

        pushBlob(repo, content);
        byte[] pulled = given().get(blobPath(repo, digest)).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(content, pulled, "the second push stored the data again instead of trusting memory");
    }
}

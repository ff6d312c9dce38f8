package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.storage.StorageDriver;
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
import java.util.Arrays;

import static dev.wharf.api.UploadSupport.TWELVE_MIB;
import static dev.wharf.api.UploadSupport.assertBlob;
import static dev.wharf.api.UploadSupport.assertCreated;
import static dev.wharf.api.UploadSupport.uploadId;
import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.TestBlobs.concat;
import static dev.wharf.testsupport.Uploads.OCTET_STREAM;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.patchStream;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chunks of a blob upload ({@code PATCH}, end-5): in order with {@code Content-Range} or appended without one as
 * docker does, out-of-order or malformed ranges refused with 416 and the session left usable, a chunk the client cuts
 * short rolled back, 12 MiB chunks, and the hash state saved at each chunk's offset, with the headers REFERENCE §1.3
 * lists and the answers registry:2 gives (§5).
 */
@QuarkusTest
class UploadChunkApiTest {
    @Inject
    StorageDriver driver;

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

    // --- saved hash state --------------------------------------------------------------------------------------------

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
}

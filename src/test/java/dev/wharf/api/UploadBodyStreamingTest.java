package dev.wharf.api;

import dev.wharf.testsupport.KeptAliveConnection;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static dev.wharf.testsupport.Uploads.start;
import static dev.wharf.testsupport.Uploads.withDigest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How an upload's body is taken from the connection ({@link StreamedBody}): bodies far larger than what is queued per
 * upload arrive whole (the connection is paused and resumed), {@code Expect: 100-continue} is answered before the
 * client sends, and a body refused before its end is discarded so that the connection carries the next request.
 */
@QuarkusTest
class UploadBodyStreamingTest {
    private static final int BODY = 5 * StreamedBody.HIGH_WATER + 12345;

    @Test
    void aBodyManyTimesTheQueuedBytesArrivesWholeInOneRequestAndInChunkedTransfer() throws IOException {
        String repo = TestBlobs.uniqueRepository("streaming/large");
        byte[] content = TestBlobs.random(BODY, 71);
        String digest = TestBlobs.sha256(content);
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.send("PUT", path(withDigest(start(repo), digest)), "Content-Length: " + BODY, content);
            assertEquals(201, connection.readStatus(), "monolithic PUT");
        }
        assertArrayEquals(content, given().get("/v2/" + repo + "/blobs/" + digest).asByteArray());

        String other = TestBlobs.uniqueRepository("streaming/chunked");
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.sendChunked("PATCH", path(start(other)), content, 64 * 1024 + 7);
            assertEquals(202, connection.readStatus(), "PATCH in chunked transfer coding");
            assertEquals("0-" + (BODY - 1), connection.header("Range"));
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
        String repo = TestBlobs.uniqueRepository("streaming/continue");
        byte[] content = TestBlobs.random(300_000, 72);
        String digest = TestBlobs.sha256(content);
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.send("PUT", path(withDigest(start(repo), digest)),
                    "Content-Length: " + content.length + "\r\nExpect: 100-continue", null);
            assertEquals(100, connection.readStatus(), "the client waits for 100 Continue before sending");
            connection.write(content);
            assertEquals(201, connection.readStatus());
        }
        assertArrayEquals(content, given().get("/v2/" + repo + "/blobs/" + digest).asByteArray());
    }

    @Test
    void aBodyRefusedBeforeItsEndIsDiscardedAndTheConnectionServesTheNextRequest() throws IOException {
        String repo = TestBlobs.uniqueRepository("streaming/refused");
        byte[] content = TestBlobs.random(BODY, 73);
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            // a range that does not start at the session's size: refused before a byte of the body is stored
            connection.send("PATCH", path(start(repo)), "Content-Length: " + BODY + "\r\nContent-Range: 5-"
                    + (BODY + 4), content);
            assertEquals(416, connection.readStatus());
            connection.send("GET", "/v2/", "Content-Length: 0", new byte[0]);
            assertEquals(200, connection.readStatus(), "the same connection answers the next request");
        }
    }

    private static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}

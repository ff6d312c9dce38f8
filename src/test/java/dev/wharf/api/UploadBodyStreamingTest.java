package dev.wharf.api;

import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static dev.wharf.testsupport.Uploads.start;
import static dev.wharf.testsupport.Uploads.withDigest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        try (Connection connection = new Connection()) {
            connection.send("PUT", path(withDigest(start(repo), digest)), "Content-Length: " + BODY, content);
            assertEquals(201, connection.readStatus(), "monolithic PUT");
        }
        assertArrayEquals(content, given().get("/v2/" + repo + "/blobs/" + digest).asByteArray());

        String other = TestBlobs.uniqueRepository("streaming/chunked");
        try (Connection connection = new Connection()) {
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
        try (Connection connection = new Connection()) {
            connection.send("PUT", path(withDigest(start(repo), digest)),
                    "Content-Length: " + content.length + "\r\nExpect: 100-continue", null);
            assertEquals(100, connection.readStatus(), "the client waits for 100 Continue before sending");
            connection.out.write(content);
            connection.out.flush();
            assertEquals(201, connection.readStatus());
        }
        assertArrayEquals(content, given().get("/v2/" + repo + "/blobs/" + digest).asByteArray());
    }

    @Test
    void aBodyRefusedBeforeItsEndIsDiscardedAndTheConnectionServesTheNextRequest() throws IOException {
        String repo = TestBlobs.uniqueRepository("streaming/refused");
        byte[] content = TestBlobs.random(BODY, 73);
        try (Connection connection = new Connection()) {
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

    /** One keep-alive connection to the application, written and read by hand. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private String head = "";

        Connection() throws IOException {
            socket = new Socket("localhost", RestAssured.port);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void send(String method, String path, String headers, byte[] body) throws IOException {
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
        }

        void sendChunked(String method, String path, byte[] body, int piece) throws IOException {
            send(method, path, "Transfer-Encoding: chunked", null);
            for (int at = 0; at < body.length; at += piece) {
                int length = Math.min(piece, body.length - at);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads an answer's head and its body (by Content-Length); returns the status. */
        int readStatus() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, "the connection closed before an answer: " + bytes);
                bytes.write(b);
            }
            head = bytes.toString(StandardCharsets.ISO_8859_1);
            String length = header("Content-Length");
            if (length != null) {
                in.readNBytes(Integer.parseInt(length));
            }
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package dev.wharf.metrics;

import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.wharf.testsupport.Prometheus.value;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus metrics at {@code /q/metrics}: requests, latency, bytes, uploads in flight, storage calls. */
@QuarkusTest
class MetricsTest {

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }


    @Test
    void requestsBytesAndStorageCallsAreCounted() {
        String before = metrics();
        String repo = TestBlobs.uniqueRepository("metrics/push");
        byte[] content = TestBlobs.random(70_000, 1);
        String digest = TestBlobs.sha256(content);
        String location = patch(start(repo), content, 0).header("Location");
        assertEquals(201, complete(location, digest, new byte[0]).statusCode());
        assertEquals(200, given().get("/v2/" + repo + "/blobs/" + digest).statusCode());
        assertEquals(404, given().get("/v2/" + repo + "/blobs/" + TestBlobs.sha256(new byte[1])).statusCode());
        assertEquals(404, given().get("/v2/" + repo + "/nothing-here").statusCode());
        String after = metrics();

        String patches = "registry_http_requests_total{code=\"202\",handler=\"patchUpload\",method=\"PATCH\"}";
        assertEquals(1, value(after, patches) - value(before, patches), after);
        String missing = "registry_http_requests_total{code=\"404\",handler=\"getBlob\",method=\"GET\"}";
        assertEquals(1, value(after, missing) - value(before, missing));
        String unmatched = "registry_http_requests_total{code=\"404\",handler=\"unmatched\",method=\"GET\"}";
        assertEquals(1, value(after, unmatched) - value(before, unmatched));
        String latency = "registry_http_request_duration_seconds_count{handler=\"completeUpload\",method=\"PUT\"}";
        assertEquals(1, value(after, latency) - value(before, latency));
        assertTrue(after.contains("registry_http_request_duration_seconds_bucket{handler=\"completeUpload\","
                + "method=\"PUT\",le=\"0.005\"}"), "latency is a histogram");

        assertTrue(value(after, "wharf_pushed_bytes_total") - value(before, "wharf_pushed_bytes_total")
                >= content.length, "the PATCH's bytes are pushed bytes");
        assertTrue(value(after, "wharf_pulled_bytes_total") - value(before, "wharf_pulled_bytes_total")
                >= content.length, "the GET's bytes are pulled bytes");
        String puts = "registry_storage_action_seconds_count{action=\"putContent\",driver=\"inmemory\"}";
        assertTrue(value(after, puts) > value(before, puts), "storage calls are timed");
        assertEquals(0, value(after, "wharf_uploads_in_flight"));
    }

    @Test
    void anUploadBeingReceivedIsInFlight() throws Exception {
        String repo = TestBlobs.uniqueRepository("metrics/inflight");
        String location = start(repo);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery()
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[400]);
            out.flush();
            awaitInFlight(1);
            out.write(new byte[600]);
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 202", status);
        }
        awaitInFlight(0);
    }

    @Test
    void uploadsCutOffByTheClientAreNoLongerInFlight() throws Exception {
        awaitInFlight(0);
        for (int round = 0; round < 30; round++) {
            String location = start(TestBlobs.uniqueRepository("metrics/cutoff"));
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("PATCH " + URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery()
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[round * 13]);
                out.flush();
            }
        }
        awaitInFlight(0);
    }

    private static void awaitInFlight(double expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        double seen;
        do {
            seen = value(metrics(), "wharf_uploads_in_flight");
            if (seen == expected) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        assertEquals(expected, seen, "uploads in flight");
    }
}

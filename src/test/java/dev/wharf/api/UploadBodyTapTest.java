package dev.wharf.api;

import dev.wharf.testsupport.KeptAliveConnection;
import dev.wharf.testsupport.TestBlobs;
import io.netty.util.ResourceLeakDetector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.wharf.testsupport.Prometheus.value;
import static dev.wharf.testsupport.TestBlobs.concat;
import static dev.wharf.testsupport.Uploads.start;
import static dev.wharf.testsupport.Uploads.withDigest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload bodies taken from Netty's own buffers ({@link BodyTap}): on a kept-alive connection after its first request,
 * the bytes are tapped (counted by {@code wharf_pushed_tapped_bytes_total}; the first of each body came
 * through Vert.x while the request waited for its thread) and stored whole and in order;
 * pipelined requests keep their own bodies; refused and cut-off bodies release every buffer they took.
 */
@QuarkusTest
class UploadBodyTapTest {
    private static final String TAPPED = "wharf_pushed_tapped_bytes_total";
    /**
     * The most of a body that may come through Vert.x before the request thread arms the tap: Vert.x's queue (8 pieces
     * of up to one socket read), then up to 16 socket reads in the event loop's turn that pauses the connection. Each
     * body below is larger, so some of each must be tapped.
     */
    private static final int BEFORE_ARMING = 24 * BodyTap.MAX_READ;

    @Test
    void uploadsAfterTheFirstOnAConnectionAreTappedAndStoredWhole() throws IOException {
        String repo = TestBlobs.uniqueRepository("tap/kept-alive");
        byte[] first = TestBlobs.random(BEFORE_ARMING + 1_000_000, 81);
        byte[] second = TestBlobs.random(BEFORE_ARMING + 2_000_001, 82);
        byte[] whole = concat(first, second);
        double before = value(metrics(), TAPPED);
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.send("POST", "/v2/" + repo + "/blobs/uploads/", "Content-Length: 0", null);
            assertEquals(202, connection.readStatus());
            String location = path(connection.header("Location"));
            connection.send("PATCH", location, "Content-Length: " + first.length, first);
            assertEquals(202, connection.readStatus());
            location = path(connection.header("Location"));
            connection.sendChunked("PUT", withDigest(location, TestBlobs.sha256(whole)), second, 100_003);
            assertEquals(201, connection.readStatus(), "chunked PUT completing the upload");
        }
        assertArrayEquals(whole, given().get("/v2/" + repo + "/blobs/" + TestBlobs.sha256(whole)).asByteArray());
        double tapped = value(metrics(), TAPPED) - before;
        assertTrue(tapped <= whole.length && tapped >= whole.length - 2 * BEFORE_ARMING, "the PATCH and the PUT were"
                + " taken from Netty's buffers but for what Vert.x queued before the tap was armed: " + tapped);
    }

    @Test
    void pipelinedUploadsKeepTheirOwnBodies() throws IOException {
        String repo = TestBlobs.uniqueRepository("tap/pipelined");
        byte[][] bodies = {TestBlobs.random(400_000, 83), TestBlobs.random(5, 84), TestBlobs.random(900_000, 85)};
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.send("GET", "/v2/", "Content-Length: 0", null);
            assertEquals(200, connection.readStatus());
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (byte[] body : bodies) {
                String target = withDigest(path(start(repo)), TestBlobs.sha256(body));
                requests.write(("PUT " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                requests.write(body);
            }
            connection.write(requests.toByteArray());
            for (int i = 0; i < bodies.length; i++) {
                assertEquals(201, connection.readStatus(), "pipelined PUT " + i + " stored its own body");
            }
        }
        for (byte[] body : bodies) {
            assertArrayEquals(body, given().get("/v2/" + repo + "/blobs/" + TestBlobs.sha256(body)).asByteArray());
        }
    }

    @Test
    void refusedAndCutOffBodiesReleaseTheBuffersTheyTook() throws Exception {
        List<String> leaks = new CopyOnWriteArrayList<>();
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("LEAK")) {
                    leaks.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger detector = Logger.getLogger(ResourceLeakDetector.class.getName());
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        detector.addHandler(watch);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            // the watch hears the detector: a buffer leaked on purpose is reported
            io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(1024).writeInt(1);
            awaitReports(leaks, 0);
            assertTrue(!leaks.isEmpty(), "a buffer leaked on purpose was not reported: the watch hears nothing");
            leaks.clear();
            for (int round = 0; round < 3; round++) {
                refuseAndCutOff(round);
            }
            awaitReports(leaks, 10);
        } finally {
            ResourceLeakDetector.setLevel(level);
            detector.removeHandler(watch);
        }
        assertTrue(leaks.isEmpty(), "Netty reported leaked buffers: " + leaks);
    }

    /**
     * Collects garbage and has buffers allocated (the detector reports leaked buffers that were collected when it
     * tracks the next ones) until something is reported, five times at most.
     */
    private static void awaitReports(List<String> leaks, int round) throws Exception {
        for (int i = 0; i < 5 && leaks.isEmpty(); i++) {
            System.gc();
            Thread.sleep(100);
            for (int j = 0; j < 50; j++) {
                io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
            refuseAndCutOff(round + i);
        }
    }

    /** A refused PATCH (wrong range) with its body, the next request, then a PATCH cut off halfway. */
    private static void refuseAndCutOff(int round) throws IOException {
        String repo = TestBlobs.uniqueRepository("tap/released");
        byte[] body = TestBlobs.random(600_000, 90 + round);
        try (KeptAliveConnection connection = new KeptAliveConnection(RestAssured.port)) {
            connection.send("GET", "/v2/", "Content-Length: 0", null);
            assertEquals(200, connection.readStatus());
            connection.send("PATCH", path(start(repo)), "Content-Length: " + body.length + "\r\nContent-Range: 5-"
                    + (body.length + 4), body);
            assertEquals(416, connection.readStatus());
            connection.send("PATCH", path(start(repo)), "Content-Length: " + body.length, null);
            connection.write(java.util.Arrays.copyOf(body, body.length / 2));
        }
        // the cut-off upload's request fails on the server once it sees the close
        assertEquals(200, given().get("/v2/").statusCode());
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}

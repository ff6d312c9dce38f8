package dev.wharf.storage.s3;

import dev.wharf.config.RegistryConfig;
import dev.wharf.storage.InvalidPathException;
import dev.wharf.testsupport.S3Settings;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the S3 driver answers without a working server: redirect URLs are signed locally, the health check fails
 * within its bound when the endpoint accepts connections but never answers, and how a request is signed.
 */
class S3ProbesTest {

    @Test
    void redirectUrlIsAPresignedGetOfTheKeyForGetOnly() throws IOException {
        S3StorageDriver driver = S3Clients.driver(config("127.0.0.1:9", Optional.of("/root/")));
        URI url = driver.redirectUrl("/docker/registry/v2/blobs/sha256/ab/abcd/data", "GET").orElseThrow();
        assertTrue(url.toString().startsWith("http://127.0.0.1:9/bucket/root/docker/registry/v2/blobs/sha256/ab/abcd/"
                + "data?"), url::toString);
        assertTrue(url.getRawQuery().contains("X-Amz-Expires=1200"), url::toString);
        assertTrue(url.getRawQuery().contains("X-Amz-Signature="), url::toString);
        assertEquals(Optional.empty(), driver.redirectUrl("/docker/registry/v2/blobs/sha256/ab/abcd/data", "HEAD"));
        assertEquals(Optional.empty(), driver.redirectUrl("/", "GET"));
        assertThrows(InvalidPathException.class, () -> driver.redirectUrl("/a/../b", "GET"));
    }

    @Test
    void healthCheckGivesUpWithinItsBoundWhenS3DoesNotAnswer() throws IOException {
        // the kernel completes the handshakes of the backlog, and nobody ever reads or writes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            S3StorageDriver driver = S3Clients.driver(config("127.0.0.1:" + silent.getLocalPort(), Optional.empty()));
            long start = System.nanoTime();
            IOException failure = assertThrows(IOException.class, driver::checkHealth);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(failure.getMessage().contains("HeadBucket bucket"), failure::getMessage);
            assertTrue(took.compareTo(S3StorageDriver.HEALTH_TIMEOUT.plusSeconds(3)) < 0, "took " + took);
        }
    }

    /**
     * Over plain http, a PutObject is signed with one hash of its payload, not as {@code aws-chunked} with a
     * signature per chunk (which costs CPU for every request and makes the body longer): the body is in memory and
     * read again to send it.
     */
    @Test
    void putObjectOverHttpSignsThePayloadOnceWithoutChunkedEncoding() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            seen.put("body-length", Integer.toString(exchange.getRequestBody().readAllBytes().length));
            exchange.getResponseHeaders().add("ETag", "\"e\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (S3StorageDriver driver = S3Clients.driver(config("127.0.0.1:" + server.getAddress().getPort(),
                Optional.empty()))) {
            byte[] content = "a small blob".getBytes(StandardCharsets.UTF_8);
            driver.putContent("/object", content);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                    seen.get("x-amz-content-sha256"), seen::toString);
            assertFalse(seen.getOrDefault("content-encoding", "").contains("aws-chunked"), seen::toString);
            assertEquals(Integer.toString(content.length), seen.get("body-length"), seen::toString);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The client is built by the first request, but a wrong setting still stops the registry at startup: building
     * the driver checks every setting, and needs no server (nothing listens on port 9).
     */
    @Test
    void aWrongSettingFailsWhenTheDriverIsBuiltNotAtTheFirstRequest() {
        assertFails("REGISTRY_STORAGE_S3_BUCKET", new S3Settings(Optional.empty(), Optional.of("us-east-1"),
                Optional.empty(), Optional.empty(), Optional.empty(), false, true, false, Optional.empty(),
                5 * 1024 * 1024, false, Optional.empty(), "STANDARD"));
        assertFails("REGISTRY_STORAGE_S3_REGION", new S3Settings(Optional.of("bucket"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, true, false, Optional.empty(),
                5 * 1024 * 1024, false, Optional.empty(), "STANDARD"));
        assertFails("REGISTRY_STORAGE_S3_SECRETKEY", new S3Settings(Optional.of("bucket"), Optional.empty(),
                Optional.of("127.0.0.1:9"), Optional.of("id"), Optional.empty(), true, false, false, Optional.empty(),
                5 * 1024 * 1024, false, Optional.empty(), "STANDARD"));
        assertFails("REGISTRY_STORAGE_S3_REGIONENDPOINT", new S3Settings(Optional.of("bucket"), Optional.empty(),
                Optional.of("http://127.0.0.1:9/a b"), Optional.of("id"), Optional.of("secret"), true, false, false,
                Optional.empty(), 5 * 1024 * 1024, false, Optional.empty(), "STANDARD"));
        assertThrows(IllegalArgumentException.class, () -> S3Clients.driver(new S3Settings(Optional.of("bucket"),
                Optional.empty(), Optional.of("127.0.0.1:9"), Optional.of("id"), Optional.of("secret"), true, false,
                false, Optional.empty(), 1024, false, Optional.empty(), "STANDARD")));
    }

    private static void assertFails(String variable, RegistryConfig.Storage.S3 config) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> S3Clients.driver(config));
        assertTrue(failure.getMessage().contains(variable), failure::getMessage);
    }

    private static RegistryConfig.Storage.S3 config(String endpoint, Optional<String> root) {
        return new S3Settings(Optional.of("bucket"), Optional.empty(), Optional.of(endpoint), Optional.of("id"),
                Optional.of("secret"), true, false, false, root, 5 * 1024 * 1024, false, Optional.empty(),
                "STANDARD");
    }
}

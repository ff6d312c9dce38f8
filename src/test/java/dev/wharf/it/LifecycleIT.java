package dev.wharf.it;

import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar stopped as Kubernetes stops a pod (SIGTERM): requests in flight finish within
 * {@code REGISTRY_HTTP_DRAINTIMEOUT}, new ones are refused, and an upload cut short stays resumable on the next
 * start; and its log lines as JSON with {@code REGISTRY_LOG_FORMATTER}.
 */
class LifecycleIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "lifecycle-secret";

    @TempDir
    Path work;

    private WharfProcess start(String name, Map<String, String> extra) {
        Map<String, String> variables = new java.util.HashMap<>(Map.of(
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", work.resolve("root").toString(),
                "REGISTRY_HTTP_SECRET", SECRET));
        variables.putAll(extra);
        return WharfProcess.launch(name, variables).awaitStarted();
    }

    private static HttpResponse<String> send(String method, String url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A PATCH of {@code content} whose first {@code sent} bytes are on their way: the rest follows on demand. */
    private static final class SlowPatch implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;

        SlowPatch(int port, String location, byte[] content, int sent) throws IOException {
            URI uri = URI.create(location);
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            out.write(("PATCH " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + content.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, sent);
            out.flush();
        }

        /** Sends the rest and returns the answer's head (status line and headers). */
        String finish(byte[] content, int sent) throws IOException {
            out.write(content, sent, content.length - sent);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String header(String head, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ": *([^\r\n]*)").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void sigtermLetsAnUploadInFlightFinishAndRefusesNewRequests() throws Exception {
        byte[] content = TestBlobs.random(1000, 11);
        String location;
        try (WharfProcess wharf = start("wharf-drain", Map.of("REGISTRY_HTTP_DRAINTIMEOUT", "20s"))) {
            String repo = "lifecycle/drain";
            location = wharf.url(send("POST", wharf.base() + "/v2/" + repo + "/blobs/uploads/", null)
                    .headers().firstValue("Location").orElseThrow());
            try (SlowPatch patch = new SlowPatch(wharf.port(), location, content, 400)) {
                Thread.sleep(500); // the PATCH is being read
                long stopped = System.nanoTime();
                wharf.terminate();
                Thread.sleep(1000);
                assertTrue(wharf.isAlive(), "the request in flight holds the shutdown");
                HttpResponse<String> refused = send("GET", wharf.base() + "/v2/", null);
                assertEquals(503, refused.statusCode(), "a new request during the drain");
                assertTrue(refused.body().contains("\"UNAVAILABLE\""), refused.body());
                String head = patch.finish(content, 400);
                assertTrue(head.startsWith("HTTP/1.1 202"), head);
                assertEquals("0-999", header(head, "Range"));
                location = wharf.url(header(head, "Location"));
                assertEquals(143, wharf.awaitExit(Duration.ofSeconds(30)), "exit status of a SIGTERM'd JVM");
                assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(15).toNanos(),
                        "the process ends once its requests are done, not at the drain timeout");
            }
        }
        try (WharfProcess again = start("wharf-drain-2", Map.of())) {
            String resumed = again.url(location);
            HttpResponse<String> status = send("GET", resumed, null);
            assertEquals(204, status.statusCode(), status.body());
            assertEquals("0-999", status.headers().firstValue("Range").orElseThrow());
            assertEquals(201, send("PUT", resumed + "&digest=" + TestBlobs.sha256(content), null).statusCode());
        }
    }

    @Test
    void aRequestOutlastingTheDrainTimeoutIsCutAndTheUploadResumes() throws Exception {
        byte[] first = TestBlobs.random(500, 12);
        byte[] second = TestBlobs.random(1000, 13);
        String location;
        try (WharfProcess wharf = start("wharf-cut", Map.of("REGISTRY_HTTP_DRAINTIMEOUT", "2s"))) {
            location = wharf.url(send("POST", wharf.base() + "/v2/lifecycle/cut/blobs/uploads/", null)
                    .headers().firstValue("Location").orElseThrow());
            HttpResponse<String> patched = send("PATCH", location, first);
            assertEquals(202, patched.statusCode());
            location = wharf.url(patched.headers().firstValue("Location").orElseThrow());
            try (SlowPatch stalled = new SlowPatch(wharf.port(), location, second, 300)) {
                Thread.sleep(500);
                long stopped = System.nanoTime();
                wharf.terminate();
                wharf.awaitExit(Duration.ofSeconds(30));
                long took = System.nanoTime() - stopped;
                assertTrue(took < Duration.ofSeconds(10).toNanos(), "stopped " + took / 1_000_000 + " ms after SIGTERM");
                assertFalse(wharf.isAlive());
            }
        }
        try (WharfProcess again = start("wharf-cut-2", Map.of())) {
            String resumed = again.url(location);
            HttpResponse<String> status = send("GET", resumed, null);
            assertEquals(204, status.statusCode(), status.body());
            assertEquals("0-499", status.headers().firstValue("Range").orElseThrow(), "the cut chunk left nothing");
            HttpResponse<String> patched = send("PATCH", resumed, second);
            assertEquals(202, patched.statusCode(), patched.body());
            byte[] whole = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, whole, first.length, second.length);
            String done = again.url(patched.headers().firstValue("Location").orElseThrow());
            assertEquals(201, send("PUT", done + "&digest=" + TestBlobs.sha256(whole), null).statusCode());
        }
    }

    @Test
    void logLinesAreJsonWithTheJsonFormatter() throws Exception {
        for (String formatter : new String[] {"json", "logstash"}) {
            try (WharfProcess wharf = start("wharf-" + formatter, Map.of("REGISTRY_LOG_FORMATTER", formatter))) {
                assertEquals(200, send("GET", wharf.base() + "/v2/", null).statusCode());
                String access = awaitLine(wharf, "GET /v2/ 200");
                JsonObject line = new JsonObject(access);
                String message = "json".equals(formatter) ? line.getString("msg") : line.getString("message");
                assertTrue(message.startsWith("GET /v2/ 200 "), access);
                assertEquals("info", line.getString("level"));
                assertEquals("dev.wharf.access", line.getString("json".equals(formatter) ? "logger" : "logger_name"));
                assertTrue(line.containsKey("json".equals(formatter) ? "time" : "@timestamp"), access);
            }
        }
    }

    private static String awaitLine(WharfProcess wharf, String text) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            for (String line : wharf.output().split("\n")) {
                if (line.contains(text)) {
                    return line.substring(line.indexOf('{'));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line with " + text + " in:\n" + wharf.output());
    }
}

package dev.wharf.it;

import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.Htpasswd;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.wharf.testsupport.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as operators watch it: registry:2's debug server ({@code REGISTRY_HTTP_DEBUG_ADDR}) with
 * {@code /debug/health} and Prometheus metrics (auth failures, bytes pulled zero-copy from the filesystem), and one
 * access log line per request that names the operation, repository, status, bytes and user but never a password
 * or an upload's state.
 */
class ObservabilityIT {
    private static final String PASSWORD = "Obs-5d1e-never-logged";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private static HttpResponse<String> send(String method, String url, String authorization, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


    @Test
    void debugServerMetricsAndAccessLog() throws Exception {
        Path htpasswd = work.resolve("htpasswd");
        Htpasswd.setUser(htpasswd, "alice", PASSWORD);
        String debug = "127.0.0.1:" + FreePort.find();
        try (WharfProcess wharf = WharfProcess.launch("wharf-observed", Map.of(
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", work.resolve("root").toString(),
                "REGISTRY_AUTH", "htpasswd",
                "REGISTRY_AUTH_HTPASSWD_REALM", "Registry Realm",
                "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString(),
                "REGISTRY_HTTP_DEBUG_ADDR", debug,
                "REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED", "true")).awaitStarted(401)) {
            String alice = Htpasswd.basic("alice", PASSWORD);
            assertEquals(401, send("GET", wharf.base() + "/v2/", Htpasswd.basic("alice", "wrong"), null).statusCode());
            String repo = "observed/app";
            byte[] content = TestBlobs.random(300_000, 7);
            String digest = TestBlobs.sha256(content);
            assertEquals(201, send("POST", wharf.base() + "/v2/" + repo + "/blobs/uploads/?digest=" + digest, alice,
                    content).statusCode());
            HttpResponse<String> session = send("POST", wharf.base() + "/v2/" + repo + "/blobs/uploads/", alice, null);
            assertEquals(202, session.statusCode());
            String location = wharf.url(session.headers().firstValue("Location").orElseThrow());
            assertTrue(location.contains("_state="));
            assertEquals(204, send("GET", location, alice, null).statusCode());
            assertEquals(200, send("GET", wharf.base() + "/v2/" + repo + "/blobs/" + digest, alice, null).statusCode());

            HttpResponse<String> health = send("GET", "http://" + debug + "/debug/health", null, null);
            assertEquals(200, health.statusCode());
            assertEquals("{}", health.body());
            assertEquals(404, send("GET", "http://" + debug + "/nothing", null, null).statusCode());
            // the text format 0.0.4 allows a comma after the last label: drop it to compare
            String metrics = send("GET", "http://" + debug + "/metrics", null, null).body().replace(",}", "}");
            assertEquals(1, value(metrics, "registry_http_requests_total{code=\"201\",handler=\"startUpload\","
                    + "method=\"POST\"}"), metrics);
            assertTrue(value(metrics, "wharf_auth_failures_total{reason=\"missing\"}") >= 1, "the startup probe");
            assertEquals(1, value(metrics, "wharf_auth_failures_total{reason=\"invalid\"}"));
            assertTrue(value(metrics, "wharf_pulled_bytes_total") >= content.length, "bytes sent zero-copy count");
            assertTrue(value(metrics, "wharf_pushed_bytes_total") >= content.length);

            String log = wharf.output();
            assertTrue(Pattern.compile("GET /v2/" + repo + "/blobs/" + digest + " 200 in=0 out=" + content.length
                    + " [0-9.]+ms repository=" + repo + " operation=getBlob user=alice addr=127\\.0\\.0\\.1")
                    .matcher(log).find(), log);
            assertTrue(log.contains("GET /v2/ 401 "), "refused requests are logged too");
            assertFalse(log.contains(PASSWORD), "no password in the log");
            assertFalse(log.contains("_state"), "no upload state in the log");
        }
    }

    @Test
    void theAccessLogCanBeTurnedOff() throws Exception {
        try (WharfProcess wharf = WharfProcess.launch("wharf-quiet", Map.of(
                "REGISTRY_STORAGE", "inmemory", "REGISTRY_LOG_ACCESSLOG_DISABLED", "true")).awaitStarted()) {
            assertEquals(200, send("GET", wharf.base() + "/v2/", null, null).statusCode());
            assertFalse(wharf.output().contains("GET /v2/ 200"), wharf.output());
        }
    }
}

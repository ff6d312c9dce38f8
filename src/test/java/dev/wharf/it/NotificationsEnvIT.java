package dev.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.NotificationReceiver;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.wharf.testsupport.NotificationReceiver.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notification endpoints configured as distribution spells them, in the environment
 * ({@code REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL}, ...) and in config.yml, on the packaged jar; invalid endpoints stop
 * startup.
 */
class NotificationsEnvIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void endpointsAreReadFromDistributionsVariables() throws Exception {
        int port = FreePort.find();
        Map<String, String> env = new HashMap<>(Map.of("REGISTRY_STORAGE", "inmemory",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_NAME", "env-listener",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "http://127.0.0.1:" + port + "/env",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_TIMEOUT", "2s",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_THRESHOLD", "2",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_BACKOFF", "100ms",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_HEADERS_X_TOKEN", "[abc]",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_IGNORE_ACTIONS", "[pull]",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_1_URL", "http://127.0.0.1:" + port + "/second"));
        env.put("REGISTRY_NOTIFICATIONS_ENDPOINTS_1_IGNOREDMEDIATYPES_0", "application/octet-stream");
        try (NotificationReceiver receiver = NotificationReceiver.start(port);
             WharfProcess wharf = WharfProcess.launch("wharf-notify-env", env).awaitStarted()) {
            String repo = TestBlobs.uniqueRepository("env");
            String config = TestBlobs.sha256(Manifests.EMPTY_JSON);
            assertEquals(201, send(wharf, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + config,
                    "application/octet-stream", Manifests.EMPTY_JSON));
            assertEquals(200, send(wharf, "GET", "/v2/" + repo + "/blobs/" + config, null, null));
            byte[] manifest = Manifests.ociManifest(Manifests.Ref.of(Manifests.OCI_EMPTY, Manifests.EMPTY_JSON));
            assertEquals(201, send(wharf, "PUT", "/v2/" + repo + "/manifests/latest", Manifests.OCI_MANIFEST,
                    manifest));

            List<JsonNode> events = receiver.awaitEvents("/env", about(repo), 2, WAIT);
            assertEquals(List.of("push", "push"), events.stream().map(e -> e.path("action").asText()).toList());
            assertEquals("abc", receiver.delivered("/env").get(0).header("X-Token"));
            List<JsonNode> second = receiver.awaitEvents("/second", about(repo), 1, WAIT);
            assertEquals(Manifests.OCI_MANIFEST, second.get(0).path("target").path("mediaType").asText());
            Thread.sleep(300);
            assertEquals(2, receiver.events("/env", about(repo)).size(), "the pull is ignored");
            assertEquals(1, receiver.events("/second", about(repo)).size(), "the blob push is ignored");
            assertTrue(wharf.output().contains("configuring notification endpoint env-listener"), wharf::output);
        }
    }

    @Test
    void endpointsAreReadFromConfigYml(@TempDir Path directory) throws Exception {
        int port = FreePort.find();
        int receiverPort = FreePort.find();
        Path config = Files.writeString(directory.resolve("config.yml"), """
                version: 0.1
                http:
                  addr: 127.0.0.1:%d
                storage:
                  inmemory: {}
                notifications:
                  endpoints:
                    - name: from-file
                      url: http://127.0.0.1:%d/file
                      headers:
                        Authorization: [Bearer file-token]
                      timeout: 2s
                      threshold: 2
                      backoff: 100ms
                      ignoredmediatypes:
                        - application/octet-stream
                """.formatted(port, receiverPort));
        try (NotificationReceiver receiver = NotificationReceiver.start(receiverPort);
             WharfProcess wharf = WharfProcess.launch("wharf-notify-file", URI.create("http://127.0.0.1:" + port),
                     Map.of(), List.of("serve", config.toString())).awaitStarted()) {
            String repo = TestBlobs.uniqueRepository("file");
            String digest = TestBlobs.sha256(Manifests.EMPTY_JSON);
            assertEquals(201, send(wharf, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest,
                    "application/octet-stream", Manifests.EMPTY_JSON));
            byte[] manifest = Manifests.ociManifest(Manifests.Ref.of(Manifests.OCI_EMPTY, Manifests.EMPTY_JSON));
            assertEquals(201, send(wharf, "PUT", "/v2/" + repo + "/manifests/v1", Manifests.OCI_MANIFEST, manifest));

            JsonNode push = receiver.awaitEvents("/file", about(repo), 1, WAIT).get(0);
            assertEquals("v1", push.path("target").path("tag").asText());
            assertEquals("Bearer file-token", receiver.delivered("/file").get(0).header("Authorization"));
            Thread.sleep(300);
            assertEquals(1, receiver.events("/file", about(repo)).size(), "the blob push is ignored");
            assertTrue(!wharf.output().contains("notifications is not supported"), wharf::output);
        }
    }

    @Test
    void anEndpointWithoutAnHttpUrlStopsStartup() {
        assertStartupFails(Map.of("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "ftp://listener/events"),
                "registry.notifications.endpoints[0].url must be an absolute http:// or https:// URL");
    }

    @Test
    void aTimeoutThatIsNoDurationStopsStartup() {
        assertStartupFails(Map.of("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "http://listener/events",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_TIMEOUT", "5 minutes"),
                "notifications.endpoints[0].timeout (REGISTRY_NOTIFICATIONS_ENDPOINTS_0_TIMEOUT): expected a duration");
    }

    private int send(WharfProcess wharf, String method, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wharf.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertStartupFails(Map<String, String> notifications, String message) {
        Map<String, String> variables = new HashMap<>(notifications);
        variables.put("REGISTRY_STORAGE", "inmemory");
        try (WharfProcess wharf = WharfProcess.launch("wharf-notify-startup", variables)) {
            assertNotEquals(0, wharf.awaitExit(Duration.ofSeconds(60)), wharf::output);
            assertTrue(wharf.output().contains(message), () -> "expected \"" + message + "\" in:\n" + wharf.output());
        }
    }
}

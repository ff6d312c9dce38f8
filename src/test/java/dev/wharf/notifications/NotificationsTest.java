package dev.wharf.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.NotificationReceiver;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.authentication.AuthenticationScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.wharf.testsupport.NotificationReceiver.about;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events reach real HTTP receivers: envelope, targets, filters, retries, a receiver down, and one that hangs. */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
class NotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static NotificationReceiver receiver;
    private static NotificationReceiver hanging;
    private static AuthenticationScheme previousAuth;

    @BeforeAll
    static void startReceivers() {
        receiver = NotificationReceiver.start(NotificationsProfile.port("main"));
        hanging = NotificationReceiver.start(NotificationsProfile.port("hang")).hang();
        previousAuth = RestAssured.authentication;
        RestAssured.authentication = RestAssured.preemptive()
                .basic(NotificationsProfile.USER, NotificationsProfile.PASSWORD);
    }

    @AfterAll
    static void stopReceivers() {
        RestAssured.authentication = previousAuth;
        hanging.close();
        receiver.close();
    }

    @Test
    void pushPullMountAndDeleteAreReportedAsRegistry2Does() {
        String repo = TestBlobs.uniqueRepository("notify/a");
        String other = TestBlobs.uniqueRepository("notify/b");
        Image image = Image.push(repo, "v1");
        given().accept(Manifests.OCI_MANIFEST).get("/v2/" + repo + "/manifests/v1").then().statusCode(200);
        given().accept(Manifests.OCI_MANIFEST).head("/v2/" + repo + "/manifests/" + image.manifest())
                .then().statusCode(200);
        given().get("/v2/" + repo + "/blobs/" + image.layer().digest()).then().statusCode(200);
        given().post("/v2/" + other + "/blobs/uploads/?mount=" + image.layer().digest() + "&from=" + repo)
                .then().statusCode(201);
        given().delete("/v2/" + repo + "/manifests/v1").then().statusCode(202);
        given().delete("/v2/" + repo + "/manifests/" + image.manifest()).then().statusCode(202);
        given().delete("/v2/" + other + "/blobs/" + image.layer().digest()).then().statusCode(202);

        List<JsonNode> events = receiver.awaitEvents("/all", about(repo), 8, WAIT);
        assertEquals(List.of("push", "push", "push", "pull", "pull", "pull", "delete", "delete"),
                events.stream().map(e -> e.path("action").asText()).toList());
        assertBlob(events.get(0), repo, image.config(), "POST");
        assertBlob(events.get(1), repo, image.layer(), "PUT");
        JsonNode push = events.get(2).path("target");
        assertEquals(Manifests.OCI_MANIFEST, push.path("mediaType").asText());
        assertEquals(image.manifestSize(), push.path("size").asLong());
        assertEquals(image.manifestSize(), push.path("length").asLong());
        assertEquals(image.manifest(), push.path("digest").asText());
        assertEquals("v1", push.path("tag").asText());
        assertTrue(push.path("url").asText().endsWith("/v2/" + repo + "/manifests/" + image.manifest()), push::toString);
        assertEquals(List.of(image.config().digest(), image.layer().digest()),
                push.path("references").findValuesAsText("digest"));
        assertEquals("v1", events.get(3).path("target").path("tag").asText());
        assertEquals("GET", events.get(3).path("request").path("method").asText());
        assertEquals("HEAD", events.get(4).path("request").path("method").asText());
        assertFalse(events.get(4).path("target").has("tag"));
        assertBlob(events.get(5), repo, image.layer(), "GET");
        assertEquals("{\"repository\":\"" + repo + "\",\"tag\":\"v1\"}", events.get(6).path("target").toString());
        assertEquals("{\"digest\":\"" + image.manifest() + "\",\"repository\":\"" + repo + "\"}",
                events.get(7).path("target").toString());

        List<JsonNode> elsewhere = receiver.awaitEvents("/all", about(other), 2, WAIT);
        assertEquals("mount", elsewhere.get(0).path("action").asText());
        assertEquals(repo, elsewhere.get(0).path("target").path("fromRepository").asText());
        assertEquals(image.layer().size(), elsewhere.get(0).path("target").path("size").asLong());
        assertEquals("delete", elsewhere.get(1).path("action").asText());
        assertEquals(image.layer().digest(), elsewhere.get(1).path("target").path("digest").asText());

        Set<String> ids = new HashSet<>();
        for (JsonNode event : events) {
            assertTrue(ids.add(event.path("id").asText()), "unique ids");
            assertNotNull(Instant.parse(event.path("timestamp").asText()));
            assertEquals(NotificationsProfile.USER, event.path("actor").path("name").asText());
            assertTrue(event.path("request").path("useragent").asText().length() > 0, event::toString);
            assertTrue(event.path("request").path("host").asText().length() > 0, event::toString);
            assertTrue(event.path("request").path("addr").asText().startsWith("127.0.0.1:"), event::toString);
            assertTrue(event.path("source").path("addr").asText().endsWith(":5000"), event::toString);
            assertEquals(events.get(0).path("source").path("instanceID"), event.path("source").path("instanceID"));
        }
        for (NotificationReceiver.Received request : receiver.delivered("/all")) {
            assertEquals("application/vnd.docker.distribution.events.v1+json", request.header("Content-Type"));
            assertEquals(NotificationsProfile.TOKEN, request.header("Authorization"));
            assertEquals(List.of("one", "two"), request.headers("X-Multi"));
            assertEquals(1, request.events().size(), "one event per envelope, as registry:2 sends");
        }
    }

    @Test
    void ignoredMediaTypesAndActionsAreNotSentAndDisabledEndpointsGetNothing() {
        String repo = TestBlobs.uniqueRepository("notify/filtered");
        Image image = Image.push(repo, "v1");
        given().get("/v2/" + repo + "/manifests/v1").then().statusCode(200);
        given().get("/v2/" + repo + "/blobs/" + image.layer().digest()).then().statusCode(200);
        given().delete("/v2/" + repo + "/manifests/v1").then().statusCode(202);
        receiver.awaitEvents("/all", about(repo), 6, WAIT);

        List<JsonNode> filtered = receiver.awaitEvents("/filtered", about(repo), 2, WAIT);
        assertEquals(List.of("push", "delete"), filtered.stream().map(e -> e.path("action").asText()).toList());
        assertEquals(Manifests.OCI_MANIFEST, filtered.get(0).path("target").path("mediaType").asText());
        sleep(Duration.ofMillis(300));
        assertEquals(2, receiver.events("/filtered", about(repo)).size());
        assertTrue(receiver.received().stream().noneMatch(r -> r.path().equals("/disabled")));
    }

    @Test
    void failedRequestsAreNotReported() {
        String repo = TestBlobs.uniqueRepository("notify/failed");
        String missing = "sha256:" + "1".repeat(64);
        given().get("/v2/" + repo + "/manifests/v1").then().statusCode(404);
        given().head("/v2/" + repo + "/blobs/" + missing).then().statusCode(404);
        given().delete("/v2/" + repo + "/blobs/" + missing).then().statusCode(404);
        given().contentType(Manifests.OCI_MANIFEST).body(Manifests.ociManifest(
                        new Manifests.Ref(Manifests.OCI_EMPTY, missing, 2)))
                .put("/v2/" + repo + "/manifests/v1").then().statusCode(400);
        given().contentType(Uploads.OCTET_STREAM).body(new byte[] {1, 2, 3}).queryParam("digest", missing)
                .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(400);
        given().post("/v2/" + repo + "/blobs/uploads/?mount=" + missing + "&from=" + repo).then().statusCode(202);
        String sentinel = RegistryApi.pushBlob(repo, TestBlobs.utf8("sentinel"));

        List<JsonNode> events = receiver.awaitEvents("/all", about(repo), 1, WAIT);
        assertEquals(1, events.size(), events::toString);
        assertEquals(sentinel, events.get(0).path("target").path("digest").asText());
    }

    @Test
    void failedDeliveriesAreRetriedInOrderUntilTheReceiverAccepts() {
        receiver.failNext("/flaky", 5);
        String repo = TestBlobs.uniqueRepository("notify/flaky");
        Image image = Image.push(repo, "v1");

        List<JsonNode> events = receiver.awaitEvents("/flaky", about(repo), 3, WAIT);
        assertEquals(List.of(image.config().digest(), image.layer().digest(), image.manifest()),
                events.stream().map(e -> e.path("target").path("digest").asText()).toList());
        List<NotificationReceiver.Received> refused = receiver.received().stream()
                .filter(r -> r.path().equals("/flaky") && r.status() == 500).toList();
        assertEquals(5, refused.size());
        Set<String> delivered = new HashSet<>();
        receiver.delivered("/flaky").forEach(r -> assertTrue(delivered.add(r.events().get(0).path("id").asText()),
                "each event delivered once"));
        refused.forEach(r -> assertTrue(delivered.contains(r.events().get(0).path("id").asText()),
                "a refused event is delivered later"));
    }

    @Test
    void eventsWaitForAReceiverThatIsDownAndArriveWhenItIsBack() {
        String repo = TestBlobs.uniqueRepository("notify/late");
        Image image = Image.push(repo, "v1");
        receiver.awaitEvents("/all", about(repo), 3, WAIT);
        sleep(Duration.ofMillis(500));
        try (NotificationReceiver late = NotificationReceiver.start(NotificationsProfile.port("late"))) {
            List<JsonNode> events = late.awaitEvents("/late", about(repo), 3, WAIT);
            assertEquals(image.manifest(), events.get(2).path("target").path("digest").asText());
        }
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotSlowOrFailRequests() {
        String repo = TestBlobs.uniqueRepository("notify/hang");
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            byte[] blob = TestBlobs.random(1024, i);
            RegistryApi.pushBlob(repo, blob);
            given().get("/v2/" + repo + "/blobs/" + TestBlobs.sha256(blob)).then().statusCode(200);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "push and pull took " + took);
        }
        receiver.awaitEvents("/all", about(repo), 20, WAIT);
        assertTrue(hanging.received().isEmpty(), "the hanging receiver never completed a request");
    }

    private static void assertBlob(JsonNode event, String repo, Manifests.Ref blob, String method) {
        JsonNode target = event.path("target");
        assertEquals("application/octet-stream", target.path("mediaType").asText(), event::toString);
        assertEquals(blob.digest(), target.path("digest").asText());
        assertEquals(blob.size(), target.path("size").asLong());
        assertEquals(blob.size(), target.path("length").asLong());
        assertEquals(repo, target.path("repository").asText());
        assertTrue(target.path("url").asText().endsWith("/v2/" + repo + "/blobs/" + blob.digest()), target::toString);
        assertEquals(method, event.path("request").path("method").asText());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An OCI image pushed as a client does: config in one POST, layer through an upload session, manifest by tag. */
    record Image(Manifests.Ref config, Manifests.Ref layer, String manifest, long manifestSize) {
        static Image push(String repo, String tag) {
            Manifests.Ref config = Manifests.emptyConfig(repo);
            byte[] layerBytes = TestBlobs.random(2048, repo.hashCode());
            Manifests.Ref layer = Manifests.Ref.of(Manifests.OCI_LAYER, layerBytes);
            Uploads.complete(Uploads.start(repo), layer.digest(), layerBytes).then().statusCode(201);
            byte[] manifest = Manifests.ociManifest(config, layer);
            String digest = RegistryApi.pushManifest(repo, tag, Manifests.OCI_MANIFEST, manifest);
            return new Image(config, layer, digest, manifest.length);
        }
    }
}

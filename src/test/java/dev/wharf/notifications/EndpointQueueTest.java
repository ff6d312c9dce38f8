package dev.wharf.notifications;

import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.NotificationReceiver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One endpoint's queue against a real receiver: bounded memory, order, retries, and a shutdown that does not hang. */
class EndpointQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aFullQueueDropsItsOldestEventsAndDeliversTheRestInOrderOnceTheReceiverIsUp() throws Exception {
        int port = FreePort.find();
        try (EndpointQueue queue = new EndpointQueue(settings(port, 3))) {
            queue.offer(event("e1"));
            awaitEmpty(queue);  // e1 is being retried: the receiver is down
            for (int i = 2; i <= 10; i++) {
                queue.offer(event("e" + i));
            }
            assertEquals(3, queue.pending());
            try (NotificationReceiver receiver = NotificationReceiver.start(port)) {
                List<String> ids = receiver.awaitEvents("/q", e -> true, 4, WAIT).stream()
                        .map(e -> e.path("id").asText()).toList();
                assertEquals(List.of("e1", "e8", "e9", "e10"), ids);
            }
        }
    }

    @Test
    void shutdownGivesUpOnAnUnreachableReceiverWithinItsGrace() {
        EndpointQueue queue = new EndpointQueue(settings(FreePort.find(), 100));
        for (int i = 0; i < 5; i++) {
            queue.offer(event("e" + i));
        }
        long start = System.nanoTime();
        queue.close(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "close took " + took);
    }

    @Test
    void ignoredActionsAndMediaTypesAreNeverQueued() {
        EndpointSettings ignoring = new EndpointSettings("q", URI.create("http://127.0.0.1:" + FreePort.find() + "/q"),
                Map.of(), Duration.ofSeconds(1), 1, Duration.ofMillis(50), Set.of("application/octet-stream"),
                Set.of("pull"), 10);
        try (EndpointQueue queue = new EndpointQueue(ignoring)) {
            queue.offer(new Event("a", "t", Event.PULL, target("application/vnd.oci.image.manifest.v1+json"),
                    null, null, null));
            queue.offer(new Event("b", "t", Event.PUSH, target("application/octet-stream"), null, null, null));
            assertEquals(0, queue.pending());
        }
    }

    private static EndpointSettings settings(int port, int capacity) {
        return new EndpointSettings("q", URI.create("http://127.0.0.1:" + port + "/q"), Map.of(),
                Duration.ofSeconds(1), 1, Duration.ofMillis(50), Set.of(), Set.of(), capacity);
    }

    private static Event event(String id) {
        return new Event(id, "2026-01-01T00:00:00Z", Event.PUSH, target("application/octet-stream"),
                new Event.Request("r", null, null, "PUT", ""), new Event.Actor(null), new Event.Source(null, "i"));
    }

    private static Event.Target target(String mediaType) {
        return new Event.Target(mediaType, 1L, "sha256:" + "0".repeat(64), 1L, "repo", null, null, null, null);
    }

    private static void awaitEmpty(EndpointQueue queue) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queue.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, queue.pending());
    }
}

package dev.wharf.notifications;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events are written as distribution's {@code notifications.Event} marshals them: field names, order, omitempty. */
class EnvelopeTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aManifestPushHasEveryFieldInDistributionsOrder() {
        Event event = new Event("id-1", "2026-01-02T03:04:05.123Z", Event.PUSH,
                new Event.Target("application/vnd.oci.image.manifest.v1+json", 42L, DIGEST, 42L, "team/app", null,
                        "http://reg/v2/team/app/manifests/" + DIGEST, "v1",
                        List.of(new Event.Reference("application/vnd.oci.empty.v1+json", 2, DIGEST))),
                new Event.Request("req-1", "10.0.0.1:5555", "reg:5000", "PUT", "skopeo/1.13"),
                new Event.Actor("alice"), new Event.Source("host:5000", "inst-1"));
        assertEquals("{\"events\":[{\"id\":\"id-1\",\"timestamp\":\"2026-01-02T03:04:05.123Z\",\"action\":\"push\","
                + "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":42,"
                + "\"digest\":\"" + DIGEST + "\",\"length\":42,\"repository\":\"team/app\","
                + "\"url\":\"http://reg/v2/team/app/manifests/" + DIGEST + "\",\"tag\":\"v1\","
                + "\"references\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
                + "\"digest\":\"" + DIGEST + "\"}]},"
                + "\"request\":{\"id\":\"req-1\",\"addr\":\"10.0.0.1:5555\",\"host\":\"reg:5000\",\"method\":\"PUT\","
                + "\"useragent\":\"skopeo/1.13\"},"
                + "\"actor\":{\"name\":\"alice\"},\"source\":{\"addr\":\"host:5000\",\"instanceID\":\"inst-1\"}}]}",
                json(event));
    }

    @Test
    void emptyFieldsAreLeftOutButTheRequestKeepsItsIdMethodAndUserAgent() {
        Event event = new Event("id-2", "2026-01-02T03:04:05Z", Event.DELETE,
                new Event.Target(null, null, null, null, "team/app", null, null, "v1", null),
                new Event.Request("req-2", null, null, "DELETE", ""), new Event.Actor(null),
                new Event.Source("host:5000", "inst-1"));
        assertEquals("{\"events\":[{\"id\":\"id-2\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"action\":\"delete\","
                + "\"target\":{\"repository\":\"team/app\",\"tag\":\"v1\"},"
                + "\"request\":{\"id\":\"req-2\",\"method\":\"DELETE\",\"useragent\":\"\"},"
                + "\"actor\":{},\"source\":{\"addr\":\"host:5000\",\"instanceID\":\"inst-1\"}}]}", json(event));
    }

    private static String json(Event event) {
        return new String(new Envelope(List.of(event)).toJson(), StandardCharsets.UTF_8);
    }
}

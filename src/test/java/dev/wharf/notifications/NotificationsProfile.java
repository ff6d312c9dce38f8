package dev.wharf.notifications;

import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.Htpasswd;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Endpoints on receivers the test starts: {@code /all} (headers, includereferences), {@code /filtered} (ignores blobs
 * and pulls), {@code /flaky}, {@code /disabled} on one port; {@code /late} on a port nobody listens on at first;
 * {@code /hang} on a receiver that never answers. htpasswd authentication, so that events name the actor. The ports
 * and the htpasswd file are handed to the test (another class loader) in system properties.
 */
public class NotificationsProfile implements QuarkusTestProfile {
    static final String USER = "notified-user";
    static final String PASSWORD = "notified-pw-77";
    static final String TOKEN = "Bearer receiver-t0ken";

    static synchronized int port(String role) {
        String property = "wharf.test.notify.port." + role;
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(FreePort.find()));
        }
        return Integer.parseInt(System.getProperty(property));
    }

    private static synchronized Path htpasswd() {
        String property = "wharf.test.notify.htpasswd";
        if (System.getProperty(property) == null) {
            try {
                Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "notify-");
                Htpasswd.setUser(directory.resolve("htpasswd"), USER, PASSWORD);
                System.setProperty(property, directory.resolve("htpasswd").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Path.of(System.getProperty(property));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String main = "http://127.0.0.1:" + port("main");
        Map<String, String> config = new HashMap<>();
        config.put("registry.auth", "htpasswd");
        config.put("registry.auth.htpasswd.realm", "notify");
        config.put("registry.auth.htpasswd.path", htpasswd().toString());
        config.put("registry.notifications.events.includereferences", "true");
        endpoint(config, 0, "all", main + "/all", "5s", 3, "100ms");
        config.put("registry.notifications.endpoints[0].headers.Authorization", TOKEN);
        config.put("registry.notifications.endpoints[0].headers.X-Multi", "one,two");
        endpoint(config, 1, "filtered", main + "/filtered", "5s", 3, "100ms");
        config.put("registry.notifications.endpoints[1].ignoredmediatypes", "application/octet-stream");
        config.put("registry.notifications.endpoints[1].ignore.actions", "pull");
        endpoint(config, 2, "flaky", main + "/flaky", "5s", 2, "300ms");
        endpoint(config, 3, "disabled", main + "/disabled", "5s", 3, "100ms");
        config.put("registry.notifications.endpoints[3].disabled", "true");
        endpoint(config, 4, "late", "http://127.0.0.1:" + port("late") + "/late", "500ms", 2, "200ms");
        endpoint(config, 5, "hang", "http://127.0.0.1:" + port("hang") + "/hang", "5s", 3, "1s");
        return config;
    }

    private static void endpoint(Map<String, String> config, int index, String name, String url, String timeout,
                                 int threshold, String backoff) {
        String prefix = "registry.notifications.endpoints[" + index + "].";
        config.put(prefix + "name", name);
        config.put(prefix + "url", url);
        config.put(prefix + "timeout", timeout);
        config.put(prefix + "threshold", Integer.toString(threshold));
        config.put(prefix + "backoff", backoff);
    }
}

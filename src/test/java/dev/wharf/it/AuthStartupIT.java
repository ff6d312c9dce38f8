package dev.wharf.it;

import dev.wharf.testsupport.Htpasswd;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication settings that cannot work stop the packaged jar at startup with a message naming the variable. */
class AuthStartupIT {
    @TempDir
    Path work;

    @Test
    void tokenAuthenticationIsRefused() {
        assertStartupFails(Map.of("REGISTRY_AUTH", "token"), "REGISTRY_AUTH must be htpasswd");
    }

    @Test
    void aRealmIsRequired() throws Exception {
        assertStartupFails(Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd().toString()),
                "REGISTRY_AUTH_HTPASSWD_REALM must be set");
    }

    @Test
    void aRealmThatWouldBreakTheChallengeIsRefused() throws Exception {
        assertStartupFails(Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_REALM", "a\"b",
                "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd().toString()), "REGISTRY_AUTH_HTPASSWD_REALM must not contain");
    }

    @Test
    void aMissingHtpasswdFileIsNamed() {
        Path missing = work.resolve("missing");
        assertStartupFails(Map.of("REGISTRY_AUTH_HTPASSWD_REALM", "r", "REGISTRY_AUTH_HTPASSWD_PATH", missing.toString()),
                "REGISTRY_AUTH_HTPASSWD_PATH: " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void anInvalidAccessFileIsNamed() throws Exception {
        Path access = Files.writeString(work.resolve("access.yml"), "- account: bob\n  repositories: [x]\n  actions: [fly]\n");
        assertStartupFails(Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_REALM", "r",
                        "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd().toString(),
                        "REGISTRY_AUTH_HTPASSWD_ACCESS", access.toString()),
                "REGISTRY_AUTH_HTPASSWD_ACCESS: " + access.toAbsolutePath() + " is invalid: entry 1: unknown action \"fly\"");
    }

    private Path htpasswd() {
        Path file = work.resolve("htpasswd");
        Htpasswd.setUser(file, "u", "p");
        return file;
    }

    private void assertStartupFails(Map<String, String> auth, String message) {
        Map<String, String> variables = new HashMap<>(auth);
        variables.put("REGISTRY_STORAGE", "inmemory");
        try (WharfProcess wharf = WharfProcess.launch("wharf-auth-startup", variables)) {
            assertNotEquals(0, wharf.awaitExit(Duration.ofSeconds(60)), wharf::output);
            assertTrue(wharf.output().contains(message), () -> "expected \"" + message + "\" in:\n" + wharf.output());
        }
    }
}

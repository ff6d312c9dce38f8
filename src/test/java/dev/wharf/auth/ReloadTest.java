package dev.wharf.auth;

import dev.wharf.testsupport.Htpasswd;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.function.IntSupplier;

import static dev.wharf.auth.AuthFiles.ALICE;
import static dev.wharf.auth.AuthFiles.BOB;
import static dev.wharf.auth.AuthFiles.CAROL;
import static dev.wharf.auth.AuthFiles.as;
import static dev.wharf.auth.AuthFiles.password;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The htpasswd and access files are read again when they change, as distribution does (Wharf looks at most once a
 * second): new users get in, a changed password replaces the old one (even one verified and cached before), and an
 * access file that becomes invalid or a file that disappears leaves the previous version in force.
 */
@QuarkusTest
@TestProfile(ReloadProfile.class)
class ReloadTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void aUserAddedToTheFileGetsIn() {
        assertEquals(401, as("frank", "frank-pw").get("/v2/").statusCode());
        Htpasswd.setUser(ReloadProfile.files().htpasswd(), "frank", "frank-pw");
        awaitStatus(200, () -> as("frank", "frank-pw").get("/v2/").statusCode());
    }

    @Test
    void aChangedPasswordReplacesTheOldOneEvenWhenItWasCached() {
        assertEquals(200, as(BOB).get("/v2/").statusCode());
        assertEquals(200, as(BOB).get("/v2/").statusCode());
        Htpasswd.setUser(ReloadProfile.files().htpasswd(), BOB, "new-" + password(BOB));
        awaitStatus(401, () -> as(BOB).get("/v2/").statusCode());
        assertEquals(200, as(BOB, "new-" + password(BOB)).get("/v2/").statusCode());
    }

    @Test
    void theAccessFileIsReloadedAndAnInvalidVersionKeepsThePreviousOne() throws Exception {
        assertEquals(403, as(CAROL).post("/v2/reload/app/blobs/uploads/").statusCode());
        Files.writeString(ReloadProfile.files().access(), ReloadProfile.PULL_ONLY + """
                - account: carol
                  repositories: ["reload/**"]
                  actions: [push]
                """);
        awaitStatus(202, () -> as(CAROL).post("/v2/reload/app/blobs/uploads/").statusCode());

        Files.writeString(ReloadProfile.files().access(), "- account: carol\n  actions: [fly]\n");
        Thread.sleep(2200);
        assertEquals(202, as(CAROL).post("/v2/reload/app/blobs/uploads/").statusCode(), "previous rules kept");
    }

    @Test
    void aMissingHtpasswdFileKeepsThePreviousUsers() throws Exception {
        assertEquals(200, as(ALICE).get("/v2/").statusCode());
        var htpasswd = ReloadProfile.files().htpasswd();
        var aside = htpasswd.resolveSibling("htpasswd.aside");
        Files.move(htpasswd, aside);
        try {
            Thread.sleep(2200);
            assertEquals(200, as(ALICE).get("/v2/").statusCode());
        } finally {
            Files.move(aside, htpasswd);
        }
    }

    private static void awaitStatus(int expected, IntSupplier status) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int last = status.getAsInt();
        while (last != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = status.getAsInt();
        }
        assertEquals(expected, last, "status within " + WITHIN);
    }
}

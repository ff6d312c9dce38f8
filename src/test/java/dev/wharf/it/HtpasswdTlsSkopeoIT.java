package dev.wharf.it;

import dev.wharf.testsupport.Htpasswd;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestCertificates;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skopeo against the packaged jar serving HTTPS with a certificate of a CA the test made (skopeo verifying it), with
 * {@code REGISTRY_AUTH=htpasswd} and an access file that lets anonymous callers pull {@code public/**}: pushes and
 * pulls with {@code --dest-creds}/{@code --src-creds} work, without or with wrong credentials they fail, anonymous
 * pulls of public images work, and no password ever reaches Wharf's log (debug level, failed logins included).
 */
class HtpasswdTlsSkopeoIT {
    private static final String USER = "pusher";
    private static final String PASSWORD = "Pw-7f3a9c-never-logged";
    private static final String WRONG = "Wrong-4e1b-never-logged";

    @TempDir
    static Path work;

    static Skopeo skopeo;
    static WharfProcess wharf;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates pki = TestCertificates.generate(work.resolve("pki"));
        skopeo = Skopeo.require().verifyingTls(pki.certDirectory(null));
        Path htpasswd = work.resolve("htpasswd");
        Htpasswd.setUser(htpasswd, USER, PASSWORD);
        Path access = Files.writeString(work.resolve("access.yml"), """
                - account: anonymous
                  repositories: ["public/**"]
                  actions: [pull]
                - account: "*"
                  repositories: ["**"]
                  actions: [pull, push, delete]
                """);
        wharf = WharfProcess.launch("wharf-htpasswd", Map.of(
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", work.resolve("root").toString(),
                "REGISTRY_HTTP_TLS_CERTIFICATE", pki.serverChain().toString(),
                "REGISTRY_HTTP_TLS_KEY", pki.serverKey().toString(),
                "REGISTRY_AUTH", "htpasswd",
                "REGISTRY_AUTH_HTPASSWD_REALM", "Registry Realm",
                "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString(),
                "REGISTRY_AUTH_HTPASSWD_ACCESS", access.toString(),
                "REGISTRY_LOG_LEVEL", "debug"))
                .awaitStarted(HttpClient.newBuilder().sslContext(pki.sslContext(null)).build(), 401);
        assertTrue(wharf.base().startsWith("https://"));
        port = URI.create(wharf.base()).getPort();
    }

    @AfterAll
    static void stop() {
        if (wharf != null) {
            String log = wharf.output();
            wharf.close();
            assertFalse(log.contains(PASSWORD), "the password is in Wharf's log");
            assertFalse(log.contains(WRONG), "a wrong password is in Wharf's log");
        }
    }

    @Test
    void pushAndPullWithCredentials() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("source"), "auth").tag("1.0").build();
        String image = Skopeo.docker(port, "team/app", "1.0");
        skopeo.copy(List.of("--all", "--preserve-digests", "--dest-creds", USER + ":" + PASSWORD),
                Skopeo.oci(source.directory(), "1.0"), image);

        Path copy = work.resolve("copy");
        skopeo.copy(List.of("--all", "--preserve-digests", "--src-creds", USER + ":" + PASSWORD),
                image, Skopeo.oci(copy, "1.0"));
        source.assertIdenticalCopy(copy, "1.0");
    }

    @Test
    void withoutOrWithWrongCredentialsSkopeoFails() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("refused"), "refused").tag("1.0").build();
        String image = Skopeo.docker(port, "team/refused", "1.0");
        String anonymous = skopeo.copyFails(List.of("--all"), Skopeo.oci(source.directory(), "1.0"), image);
        assertTrue(anonymous.contains("401") || anonymous.toLowerCase().contains("unauthorized"), anonymous);
        String wrong = skopeo.copyFails(List.of("--all", "--dest-creds", USER + ":" + WRONG),
                Skopeo.oci(source.directory(), "1.0"), image);
        assertTrue(wrong.contains("401") || wrong.toLowerCase().contains("unauthorized"), wrong);
        skopeo.copyFails(List.of("--all"), Skopeo.docker(port, "team/app", "1.0"), Skopeo.oci(work.resolve("x"), "1.0"));
    }

    @Test
    void anonymousCallersPullPublicImagesOnly() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("public"), "public").tag("1.0").build();
        skopeo.copy(List.of("--all", "--preserve-digests", "--dest-creds", USER + ":" + PASSWORD),
                Skopeo.oci(source.directory(), "1.0"), Skopeo.docker(port, "public/app", "1.0"));

        Path copy = work.resolve("public-copy");
        skopeo.copy(List.of("--all", "--preserve-digests"), Skopeo.docker(port, "public/app", "1.0"),
                Skopeo.oci(copy, "1.0"));
        source.assertIdenticalCopy(copy, "1.0");
        skopeo.copyFails(List.of("--all"), Skopeo.oci(source.directory(), "1.0"),
                Skopeo.docker(port, "public/app", "2.0"));
    }
}

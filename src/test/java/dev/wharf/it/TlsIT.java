package dev.wharf.it;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.TestCertificates;
import dev.wharf.testsupport.Uploads;
import dev.wharf.testsupport.WharfProcess;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar with {@code REGISTRY_HTTP_TLS_CERTIFICATE}/{@code KEY} (a certificate file holding its chain):
 * HTTPS only on the {@code REGISTRY_HTTP_ADDR} port, {@code https://} Locations, TLS 1.2 accepted, skopeo round trips
 * with verification on; {@code REGISTRY_HTTP_HEADERS_*} variables as distribution spells them; and a half-configured
 * TLS stops startup naming the variable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    @TempDir
    static Path work;

    private TestCertificates pki;
    private WharfProcess wharf;

    @BeforeAll
    void startWharfOverTls() {
        pki = TestCertificates.generate(work.resolve("pki"));
        wharf = WharfProcess.launch("wharf-tls", Map.of(
                "REGISTRY_STORAGE", "inmemory",
                "REGISTRY_HTTP_TLS_CERTIFICATE", pki.serverChain().toString(),
                "REGISTRY_HTTP_TLS_KEY", pki.serverKey().toString(),
                // distribution's spelling (a dash in the variable name, a YAML list), and one a shell can export
                "REGISTRY_HTTP_HEADERS_X-Content-Type-Options", "[nosniff]",
                "REGISTRY_HTTP_HEADERS_X_FRAME_OPTIONS", "DENY"));
        wharf.awaitStarted(client(null));
        RestAssured.requestSpecification = new RequestSpecBuilder().setBaseUri(wharf.base())
                .setConfig(RestAssuredConfig.config().sslConfig(pki.restAssured(null))).build();
    }

    @AfterAll
    void stop() {
        RestAssured.reset();
        if (wharf != null) {
            wharf.close();
        }
    }

    private HttpClient client(SSLParameters parameters) {
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(pki.sslContext(null))
                .connectTimeout(Duration.ofSeconds(5));
        return (parameters == null ? builder : builder.sslParameters(parameters)).build();
    }

    @Test
    void theApiAnswersOverHttpsWithTheConfiguredHeaders() {
        Response base = given().get("/v2/");
        assertEquals(200, base.statusCode(), base::asString);
        assertEquals("registry/2.0", base.header("Docker-Distribution-API-Version"));
        assertEquals("nosniff", base.header("X-Content-Type-Options"));
        assertEquals("DENY", base.header("X-Frame-Options"));
    }

    @Test
    void aBlobPushFollowsHttpsLocationsAndPullsBack() {
        String repository = TestBlobs.uniqueRepository("tls");
        byte[] content = TestBlobs.random(200_000, 5);
        String digest = TestBlobs.sha256(content);

        String location = Uploads.start(repository);
        assertTrue(location.startsWith(wharf.base() + "/v2/" + repository + "/blobs/uploads/"), location);
        Response patched = Uploads.patch(location, Arrays.copyOf(content, 1000), 0);
        assertEquals(202, patched.statusCode(), patched::asString);
        assertTrue(patched.header("Location").startsWith("https://"), patched.header("Location"));
        Response completed = Uploads.complete(patched.header("Location"), digest,
                Arrays.copyOfRange(content, 1000, content.length));
        assertEquals(201, completed.statusCode(), completed::asString);
        assertEquals(wharf.base() + "/v2/" + repository + "/blobs/" + digest, completed.header("Location"));

        assertArrayEquals(content, given().get("/v2/" + repository + "/blobs/" + digest).asByteArray());
    }

    @Test
    void tls12IsAccepted() throws Exception {
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpResponse<String> answer = client(tls12).send(
                HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
    }

    @Test
    void plainHttpOnThePortIsRefused() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wharf.port() + "/v2/"))
                .timeout(Duration.ofSeconds(10)).build();
        assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void skopeoRoundTripsAnImageWithVerifiedTls() throws Exception {
        Skopeo skopeo = Skopeo.require().verifyingTls(pki.certDirectory(null));
        OciLayout source = OciLayoutBuilder.create(work.resolve("image"), "tls").tag("1.0").build();
        String image = Skopeo.docker(wharf.port(), "e2e/tls", "1.0");

        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), image);
        Path copy = work.resolve("image-copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
        assertArrayEquals(source.read(source.indexDigest()), skopeo.inspectRaw(image));
    }

    @Test
    void skopeoWithoutTheCaRefusesTheServer() throws Exception {
        Path noCa = Files.createDirectories(work.resolve("no-ca"));
        OciLayout source = OciLayoutBuilder.create(work.resolve("refused"), "refused").tag("1.0").build();
        String output = Skopeo.require().verifyingTls(noCa).copyFails(List.of(), Skopeo.oci(source.directory(), "1.0"),
                Skopeo.docker(wharf.port(), "e2e/refused", "1.0"));
        assertTrue(output.contains("certificate"), output);
    }

    @Test
    void aCertificateWithoutKeyStopsStartupNamingTheVariable() {
        try (WharfProcess halfConfigured = WharfProcess.launch("wharf-tls-no-key", Map.of(
                "REGISTRY_STORAGE", "inmemory",
                "REGISTRY_HTTP_TLS_CERTIFICATE", pki.serverChain().toString()));
             WharfProcess unreadable = WharfProcess.launch("wharf-tls-unreadable", Map.of(
                     "REGISTRY_STORAGE", "inmemory",
                     "REGISTRY_HTTP_TLS_CERTIFICATE", pki.serverChain().toString(),
                     "REGISTRY_HTTP_TLS_KEY", work.resolve("missing.key").toString()))) {
            assertNotEquals(0, halfConfigured.awaitExit());
            String log = halfConfigured.tail(30);
            assertTrue(log.contains("REGISTRY_HTTP_TLS_KEY must be set with REGISTRY_HTTP_TLS_CERTIFICATE"), log);

            assertNotEquals(0, unreadable.awaitExit());
            String unreadableLog = unreadable.tail(30);
            assertTrue(unreadableLog.contains("REGISTRY_HTTP_TLS_KEY names " + work.resolve("missing.key")
                    + ", which is not a readable file"), unreadableLog);
            assertTrue(List.of(log, unreadableLog).stream().noneMatch(l -> l.contains("PRIVATE KEY-----")));
        }
    }
}

package dev.wharf.it;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestCertificates;
import dev.wharf.testsupport.WharfProcess;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code REGISTRY_HTTP_TLS_CLIENTCAS}: a client certificate signed by one of the CAs is required, as registry:2
 * requires it ({@code tls.RequireAndVerifyClientCert}); a client without one, or with one no listed CA signed, is
 * refused at the handshake. One Wharf takes the CA as distribution's indexed variable
 * ({@code REGISTRY_HTTP_TLS_CLIENTCAS_0}), the other as a comma-separated list whose second entry is the CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificatesIT {
    @TempDir
    static Path work;

    private TestCertificates pki;
    private WharfProcess indexed;
    private WharfProcess listed;

    @BeforeAll
    void startWharfs() {
        pki = TestCertificates.generate(work.resolve("pki"));
        indexed = WharfProcess.launch("wharf-mtls-indexed", tls("REGISTRY_HTTP_TLS_CLIENTCAS_0",
                pki.caCertificate().toString()));
        listed = WharfProcess.launch("wharf-mtls-listed", tls("REGISTRY_HTTP_TLS_CLIENTCAS",
                pki.certificate("server") + "," + pki.caCertificate()));
        HttpClient withCertificate = client("client");
        indexed.awaitStarted(withCertificate);
        listed.awaitStarted(withCertificate);
    }

    private Map<String, String> tls(String variable, String value) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "REGISTRY_STORAGE", "inmemory",
                "REGISTRY_HTTP_TLS_CERTIFICATE", pki.serverChain().toString(),
                "REGISTRY_HTTP_TLS_KEY", pki.serverKey().toString()));
        variables.put(variable, value);
        return variables;
    }

    @AfterAll
    void stop() {
        for (WharfProcess wharf : new WharfProcess[] {indexed, listed}) {
            if (wharf != null) {
                wharf.close();
            }
        }
    }

    /** A client trusting the test CA, presenting {@code certificate}'s certificate when not null. */
    private HttpClient client(String certificate) {
        return HttpClient.newBuilder().sslContext(pki.sslContext(certificate)).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static int status(HttpClient client, WharfProcess wharf) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/"))
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aClientWithACertificateFromTheCaIsServed() throws Exception {
        for (WharfProcess wharf : List.of(indexed, listed)) {
            assertEquals(200, status(client("client"), wharf), wharf.base());
            assertEquals(200, given().baseUri(wharf.base())
                    .config(RestAssuredConfig.config().sslConfig(pki.restAssured("client"))).get("/v2/").statusCode());
        }
    }

    @Test
    void aClientWithoutCertificateIsRefusedAtTheHandshake() {
        for (WharfProcess wharf : List.of(indexed, listed)) {
            assertThrows(IOException.class, () -> status(client(null), wharf), wharf.base());
            assertThrows(Exception.class, () -> given().baseUri(wharf.base())
                    .config(RestAssuredConfig.config().sslConfig(pki.restAssured(null))).get("/v2/"), wharf.base());
        }
    }

    @Test
    void aCertificateNoListedCaSignedIsRefused() {
        assertThrows(IOException.class, () -> status(client("stranger"), indexed));
    }

    @Test
    void skopeoPushesAndPullsWithItsClientCertificateAndIsRefusedWithout() throws Exception {
        OciLayout source = OciLayoutBuilder.create(work.resolve("image"), "mtls").tag("1.0").build();
        String image = Skopeo.docker(indexed.port(), "e2e/mtls", "1.0");

        Skopeo.require().verifyingTls(pki.certDirectory(null)).copyFails(List.of(), Skopeo.oci(source.directory(), "1.0"),
                image);

        Skopeo skopeo = Skopeo.require().verifyingTls(pki.certDirectory("client"));
        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), image);
        Path copy = work.resolve("image-copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "1.0"));
        source.assertIdenticalCopy(copy, "1.0");
    }
}

package dev.wharf.it;

import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.TestCertificates;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * config.yml's lists and maps reach what they configure: {@code http.tls.clientcas} as a YAML list (the CA second),
 * {@code http.headers} as a map of lists, and {@code storage.maintenance.readonly} as a map, on the packaged jar.
 */
class ConfigFileTlsIT {
    @TempDir
    Path directory;

    @Test
    void tlsClientCasHeadersAndReadOnlyFromTheFile() throws Exception {
        TestCertificates pki = TestCertificates.generate(directory.resolve("pki"));
        int port = FreePort.find();
        Path config = Files.writeString(directory.resolve("config.yml"), """
                version: 0.1
                http:
                  addr: 127.0.0.1:%d
                  tls:
                    certificate: %s
                    key: %s
                    clientcas:
                      - %s
                      - %s
                  headers:
                    X-Content-Type-Options: [nosniff]
                    Cache-Control: [no-cache, no-store]
                storage:
                  inmemory:
                  maintenance:
                    readonly: {enabled: true}
                """.formatted(port, pki.serverChain(), pki.serverKey(), pki.certificate("stranger"),
                pki.caCertificate()));
        try (WharfProcess wharf = WharfProcess.launch("wharf-config-tls", URI.create("https://127.0.0.1:" + port),
                Map.of(), List.of("serve", config.toString()))) {
            HttpClient client = client(pki, "client");
            wharf.awaitStarted(client);

            HttpResponse<Void> base = client.send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, base.statusCode());
            assertEquals(List.of("nosniff"), base.headers().allValues("X-Content-Type-Options"));
            assertEquals(List.of("no-cache", "no-store"), base.headers().allValues("Cache-Control"));

            HttpResponse<String> upload = client.send(HttpRequest.newBuilder(
                    URI.create(wharf.base() + "/v2/team/app/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, upload.statusCode(), "read-only: " + upload.body());

            assertThrows(IOException.class, () -> client(pki, null).send(
                    HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()), "a client without a certificate is refused");
        }
    }

    private static HttpClient client(TestCertificates pki, String certificate) {
        return HttpClient.newBuilder().sslContext(pki.sslContext(certificate)).connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}

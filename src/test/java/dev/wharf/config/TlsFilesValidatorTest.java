package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link TlsFilesValidator} reports about {@code REGISTRY_HTTP_TLS_*}: every problem, naming its variable. */
class TlsFilesValidatorTest {
    @TempDir
    Path dir;

    private Optional<String> pem(String name, String label) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "-----BEGIN " + label + "-----\nAAAA\n-----END " + label + "-----\n");
        return Optional.of(file.toString());
    }

    @Test
    void aCompleteSettingHasNoProblem() throws IOException {
        Optional<String> certificate = pem("server.crt", "CERTIFICATE");
        assertEquals(List.of(), TlsFilesValidator.problems(Optional.empty(), Optional.empty(), List.of()));
        assertEquals(List.of(), TlsFilesValidator.problems(certificate, pem("server.key", "RSA PRIVATE KEY"),
                List.of(pem("ca.crt", "CERTIFICATE").get())));
        assertEquals(List.of(), TlsFilesValidator.problems(certificate, pem("ec.key", "EC PRIVATE KEY"), List.of()));
    }

    @Test
    void halfAPairIsNamed() throws IOException {
        assertEquals(List.of("REGISTRY_HTTP_TLS_KEY must be set with REGISTRY_HTTP_TLS_CERTIFICATE (the certificate's"
                        + " private key, PEM)"),
                TlsFilesValidator.problems(pem("server.crt", "CERTIFICATE"), Optional.empty(), List.of()));
        List<String> keyOnly = TlsFilesValidator.problems(Optional.empty(), pem("server.key", "PRIVATE KEY"),
                List.of());
        assertEquals(1, keyOnly.size());
        assertTrue(keyOnly.get(0).startsWith("REGISTRY_HTTP_TLS_CERTIFICATE must be set"), keyOnly::toString);
    }

    @Test
    void clientCasWithoutTlsAreRefused() throws IOException {
        List<String> problems = TlsFilesValidator.problems(Optional.empty(), Optional.empty(),
                List.of(pem("ca.crt", "CERTIFICATE").get()));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("REGISTRY_HTTP_TLS_CLIENTCAS needs"), problems::toString);
    }

    @Test
    void missingAndWrongFilesAreNamedWithoutTheirContent() throws IOException {
        Optional<String> key = pem("server.key", "PRIVATE KEY");
        List<String> problems = TlsFilesValidator.problems(key, Optional.of(dir.resolve("nope").toString()),
                List.of(pem("ca.crt", "CERTIFICATE").get(), key.get()));
        assertEquals(List.of(
                "REGISTRY_HTTP_TLS_CERTIFICATE names " + key.get() + ", which holds no PEM CERTIFICATE",
                "REGISTRY_HTTP_TLS_KEY names " + dir.resolve("nope") + ", which is not a readable file",
                "REGISTRY_HTTP_TLS_CLIENTCAS_1 names " + key.get() + ", which holds no PEM CERTIFICATE"), problems);
        assertFalse(problems.toString().contains("AAAA"));
        assertFalse(TlsFilesValidator.problems(Optional.of(dir.toString()), key, List.of()).isEmpty(),
                "a directory is not a certificate file");
    }
}

package dev.wharf.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code REGISTRY_HTTP_TLS_*} is complete and its files are there: a certificate and a key together or neither, each
 * file a readable PEM file of the right kind, and client CAs only with a certificate (else the registry would serve
 * plain HTTP to clients the operator meant to authenticate). Reports every problem, each naming its variable, none
 * quoting a file's content.
 */
final class TlsFilesValidator {
    static final String CERTIFICATE = "REGISTRY_HTTP_TLS_CERTIFICATE";
    static final String KEY = "REGISTRY_HTTP_TLS_KEY";
    static final String CLIENTCAS = "REGISTRY_HTTP_TLS_CLIENTCAS";

    private TlsFilesValidator() {
    }

    static List<String> problems(Optional<String> certificate, Optional<String> key, List<String> clientcas) {
        List<String> problems = new ArrayList<>();
        if (certificate.isPresent() && key.isEmpty()) {
            problems.add(KEY + " must be set with " + CERTIFICATE + " (the certificate's private key, PEM)");
        }
        if (key.isPresent() && certificate.isEmpty()) {
            problems.add(CERTIFICATE + " must be set with " + KEY + " (the server certificate, PEM)");
        }
        if (!clientcas.isEmpty() && certificate.isEmpty()) {
            problems.add(CLIENTCAS + " needs " + CERTIFICATE + " and " + KEY + ": client certificates are only"
                    + " checked over TLS");
        }
        certificate.flatMap(file -> pemProblem(CERTIFICATE, file, "CERTIFICATE")).ifPresent(problems::add);
        key.flatMap(file -> pemProblem(KEY, file, "PRIVATE KEY")).ifPresent(problems::add);
        for (int i = 0; i < clientcas.size(); i++) {
            pemProblem(CLIENTCAS + "_" + i, clientcas.get(i), "CERTIFICATE").ifPresent(problems::add);
        }
        return problems;
    }

    /** Empty when {@code file} is a readable file holding a PEM block whose label ends with {@code label}. */
    private static Optional<String> pemProblem(String variable, String file, String label) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return Optional.of(variable + " names " + file + ", which is not a readable file");
        }
        try {
            String text = Files.readString(path, StandardCharsets.ISO_8859_1);
            if (!text.matches("(?s).*-----BEGIN [A-Z ]*" + label + "-----.*")) {
                return Optional.of(variable + " names " + file + ", which holds no PEM " + label);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(variable + " names " + file + ", which cannot be read: " + e.getMessage());
        }
    }
}

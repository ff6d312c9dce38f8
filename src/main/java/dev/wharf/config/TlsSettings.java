package dev.wharf.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Derives Quarkus' TLS settings from {@code REGISTRY_HTTP_TLS_*}, as {@code registry:2} serves TLS: HTTPS only, on the
 * {@code REGISTRY_HTTP_ADDR} port, TLS 1.2 or 1.3, the certificate file's chain sent to clients; with client CAs, their
 * certificates verify clients ({@link ClientCertificates} makes one required). Incomplete or unreadable settings
 * derive nothing: {@link RegistryConfigValidator} then stops startup naming the variable.
 */
final class TlsSettings {
    /**
     * {@code registry.http.tls.clientcas[0]}: from config.yml, or from {@code REGISTRY_HTTP_TLS_CLIENTCAS_0}
     * (distribution's list index), which {@link EnvironmentOverrides} maps.
     */
    private static final Pattern CLIENT_CA = Pattern.compile(
            "registry\\.http\\.tls\\.clientcas\\[(\\d+)]");

    private TlsSettings() {
    }

    /** Quarkus' settings for the TLS described by {@code registry.http.tls.*}; empty when TLS is off or invalid. */
    static Map<String, String> derive(ConfigSourceContext context, int port) {
        Optional<String> certificate = value(context, "registry.http.tls.certificate");
        Optional<String> key = value(context, "registry.http.tls.key");
        List<String> clientcas = new ArrayList<>(clientCas(context).values());
        if (clientcas.isEmpty()) {
            value(context, "registry.http.tls.clientcas").ifPresent(list -> clientcas.addAll(split(list)));
        }
        if (certificate.isEmpty() || key.isEmpty()
                || !TlsFilesValidator.problems(certificate, key, clientcas).isEmpty()) {
            return Map.of();
        }
        Map<String, String> derived = new TreeMap<>();
        derived.put("quarkus.tls.key-store.pem.0.cert", certificate.get());
        derived.put("quarkus.tls.key-store.pem.0.key", key.get());
        derived.put("quarkus.tls.protocols", "TLSv1.3,TLSv1.2");
        derived.put("quarkus.http.ssl-port", Integer.toString(port));
        derived.put("quarkus.http.insecure-requests", "disabled");
        if (!clientcas.isEmpty()) {
            derived.put("quarkus.tls.trust-store.pem.certs",
                    clientcas.stream().map(TlsSettings::escape).collect(Collectors.joining(",")));
        }
        return derived;
    }

    private static Map<Integer, String> clientCas(ConfigSourceContext context) {
        Map<Integer, String> files = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String name = names.next();
            Matcher m = CLIENT_CA.matcher(name);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                value(context, name).ifPresent(file -> files.put(index, file));
            }
        }
        return files;
    }

    /** A comma-separated list as SmallRye reads one ({@code \,} is a comma inside an element). */
    private static List<String> split(String list) {
        List<String> elements = new ArrayList<>();
        for (String element : list.split("(?<!\\\\),")) {
            String trimmed = element.replace("\\,", ",").trim();
            if (!trimmed.isEmpty()) {
                elements.add(trimmed);
            }
        }
        return elements;
    }

    /** A path as one element of a SmallRye list: backslashes and commas escaped. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(",", "\\,");
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty() : Optional.of(value.getValue());
    }
}

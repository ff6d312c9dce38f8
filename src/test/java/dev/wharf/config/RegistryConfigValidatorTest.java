package dev.wharf.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules {@link RegistryConfigValidator} applies once the variables are mapped, and how it reports them. */
class RegistryConfigValidatorTest {

    /** Builds the configuration of {@code environment} as Quarkus does, with the validator its service file registers. */
    private static SmallRyeConfig build(Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(RegistryConfigSource.of(Map.of(), environment, "test"))
                .withMapping(RegistryConfig.class).withValidateUnknown(false);
        new RegistryConfigValidator().configBuilder(builder);
        return builder.build();
    }

    @Test
    void theDefaultsAndValidValuesPass() {
        RegistryConfig config = build(Map.of("REGISTRY_HTTP_ADDR", "127.0.0.1:5000",
                "REGISTRY_HTTP_HOST", "https://registry.example.com/", "REGISTRY_STORAGE", "s3",
                "REGISTRY_STORAGE_S3_CHUNKSIZE", "5242880", "REGISTRY_AUTH", "htpasswd",
                "REGISTRY_AUTH_HTPASSWD_REALM", "Registry Realm", "REGISTRY_LOG_LEVEL", "WARNING",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "HTTP://listener:8080/events"))
                .getConfigMapping(RegistryConfig.class);
        assertEquals("127.0.0.1:5000", config.http().addr());
        assertEquals(5242880, config.storage().s3().chunksize());
        assertEquals(List.of(), RegistryConfigValidator.problems("registry", build(Map.of())
                .getConfigMapping(RegistryConfig.class)));
    }

    @Test
    void everyBrokenRuleIsListedUnderItsKeyAndNamesItsVariable() {
        Map<String, String> environment = Map.ofEntries(Map.entry("REGISTRY_HTTP_ADDR", "127.0.0.1:99999"),
                Map.entry("REGISTRY_HTTP_HOST", "registry.example.com"),
                Map.entry("REGISTRY_HTTP_TLS_KEY", "/nonexistent/server.key"),
                Map.entry("REGISTRY_HTTP_DEBUG_ADDR", "localhost"),
                Map.entry("REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH", "metrics"),
                Map.entry("REGISTRY_STORAGE", "azure"),
                Map.entry("REGISTRY_AUTH", "token"),
                Map.entry("REGISTRY_LOG_LEVEL", "verbose"), Map.entry("REGISTRY_LOG_FORMATTER", "xml"),
                Map.entry("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "http://listener/events"),
                Map.entry("REGISTRY_NOTIFICATIONS_ENDPOINTS_1_URL", "ftp://listener/events"));
        assertEquals(List.of(
                "registry.http.addr (REGISTRY_HTTP_ADDR) must be [host]:port with a port from 1 to 65535, e.g. :5000"
                        + " or 0.0.0.0:5000",
                "registry.http.host (REGISTRY_HTTP_HOST) must be an absolute URL such as https://registry.example.com",
                "registry.http.tls REGISTRY_HTTP_TLS_CERTIFICATE must be set with REGISTRY_HTTP_TLS_KEY (the server"
                        + " certificate, PEM)",
                "registry.http.tls REGISTRY_HTTP_TLS_KEY names /nonexistent/server.key, which is not a readable file",
                "registry.http.debug.addr REGISTRY_HTTP_DEBUG_ADDR must be [host]:port with a port from 1 to 65535,"
                        + " e.g. :5001",
                "registry.http.debug.prometheus.path REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH must be a path such as"
                        + " /metrics",
                "registry.storage (REGISTRY_STORAGE), the driver under storage in config.yml, must be one of:"
                        + " filesystem, inmemory, s3",
                "registry.auth REGISTRY_AUTH must be htpasswd (or unset for no authentication); token and silly"
                        + " authentication are not supported",
                "registry.log.level (REGISTRY_LOG_LEVEL) must be one of: error, warn, info, debug",
                "registry.log.formatter REGISTRY_LOG_FORMATTER must be one of: text, json, logstash",
                "registry.notifications.endpoints[1].url must be an absolute http:// or https:// URL, e.g."
                        + " http://listener:8080/events"), problems(environment));
        assertEquals(List.of("registry.auth.htpasswd.realm REGISTRY_AUTH_HTPASSWD_REALM must not contain quotes,"
                + " backslashes or control characters"), problems(Map.of("REGISTRY_AUTH_HTPASSWD_REALM", "a\"b")));
        assertEquals(List.of("registry.storage.s3.chunksize (REGISTRY_STORAGE_S3_CHUNKSIZE) must be at least 5242880"
                + " (5 MiB), the smallest S3 part"), problems(Map.of("REGISTRY_STORAGE_S3_CHUNKSIZE", "5242879")));
        assertEquals(List.of("registry.storage.cache.blobdescriptorsize (REGISTRY_STORAGE_CACHE_BLOBDESCRIPTORSIZE)"
                + " must be at least 1"), problems(Map.of("REGISTRY_STORAGE_CACHE_BLOBDESCRIPTORSIZE", "0")));
    }

    /** The problems that stop building the configuration of {@code environment}. */
    private static List<String> problems(Map<String, String> environment) {
        ConfigValidationException failure = assertThrows(ConfigValidationException.class, () -> build(environment));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < failure.getProblemCount(); i++) {
            problems.add(failure.getProblem(i).getMessage());
        }
        return problems;
    }

    @Test
    void quarkusFindsTheValidatorThroughItsServiceFile() throws IOException {
        try (InputStream file = getClass().getResourceAsStream(
                "/META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer")) {
            assertNotNull(file, "the service file");
            String services = new String(file.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.lines().anyMatch(RegistryConfigValidator.class.getName()::equals), services);
        }
    }
}

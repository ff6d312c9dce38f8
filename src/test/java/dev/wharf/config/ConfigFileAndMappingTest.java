package dev.wharf.config;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading config.yml, binding its lists and maps to {@link RegistryConfig}, and the warnings about keys Wharf does not
 * use.
 */
class ConfigFileAndMappingTest {
    @TempDir
    Path directory;

    private Path file(String yaml) throws IOException {
        Path file = directory.resolve("config.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** {@link RegistryConfig} bound from config.yml and variables alone, unvalidated ({@link RegistryConfigValidatorTest}). */
    private RegistryConfig bind(String yaml, Map<String, String> environment) throws IOException {
        RegistryConfigSource source = RegistryConfigSource.of(RegistryConfigFile.read(file(yaml), "test"),
                environment, "test");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source)
                .withMapping(RegistryConfig.class).withValidateUnknown(false).build();
        return config.getConfigMapping(RegistryConfig.class);
    }

    @Test
    void listsAndMapsOfListsBindFromTheFileAndFromVariables() throws IOException {
        RegistryConfig fromFile = bind("""
                version: 0.1
                http:
                  tls:
                    clientcas: [a.pem, b.pem]
                  headers:
                    X-Content-Type-Options: [nosniff]
                    Cache-Control: [no-cache, no-store]
                """, Map.of());
        assertEquals(List.of("a.pem", "b.pem"), fromFile.http().tls().clientcas().orElseThrow());
        assertEquals(Map.of("X-Content-Type-Options", List.of("nosniff"), "Cache-Control", List.of("no-cache", "no-store")),
                fromFile.http().headers());
        assertFalse(fromFile.storage().maintenance().readonly().enabled());

        RegistryConfig fromEnvironment = bind("version: 0.1\nhttp: {tls: {clientcas: [old.pem]}}", Map.of(
                "REGISTRY_HTTP_TLS_CLIENTCAS", "[c.pem, d.pem]",
                "REGISTRY_HTTP_HEADERS", "{X-Frame-Options: [DENY]}",
                "REGISTRY_STORAGE_MAINTENANCE_READONLY", "{\"enabled\": true}"));
        assertEquals(List.of("c.pem", "d.pem"), fromEnvironment.http().tls().clientcas().orElseThrow());
        assertEquals(Map.of("X-Frame-Options", List.of("DENY")), fromEnvironment.http().headers());
        assertTrue(fromEnvironment.storage().maintenance().readonly().enabled());
    }

    @Test
    void theFileNeedsVersion01AndValidYaml() throws IOException {
        assertEquals(Map.of(), RegistryConfigFile.read(file("version: 0.1\n"), "test"));
        assertThrows(RegistryConfigException.class, () -> RegistryConfigFile.read(file("http: {}\n"), "test"));
        assertThrows(RegistryConfigException.class, () -> RegistryConfigFile.read(file("version: 0.2\n"), "test"));
        RegistryConfigException broken = assertThrows(RegistryConfigException.class,
                () -> RegistryConfigFile.read(file("version: 0.1\nhttp:\n  secret: [s3cr3t\n"), "test"));
        assertTrue(broken.getMessage().contains("is not valid YAML: line "), broken.getMessage());
        assertFalse(broken.getMessage().contains("s3cr3t"), "the text is not quoted: " + broken.getMessage());
        RegistryConfigException missing = assertThrows(RegistryConfigException.class,
                () -> RegistryConfigFile.read(directory.resolve("absent.yml"), "REGISTRY_CONFIGURATION_PATH"));
        assertTrue(missing.getMessage().endsWith("(given by REGISTRY_CONFIGURATION_PATH) does not exist"),
                missing.getMessage());
    }

    @Test
    void oneWarningPerUnknownKeyOrVariableAndPerUnsupportedSection() throws IOException {
        RegistryConfigSource source = RegistryConfigSource.of(RegistryConfigFile.read(file("""
                version: 0.1
                http: {addr: ":5000", secret: s}
                storage:
                  filesystem: {rootdirectory: /d}
                  delete: {enabled: true}
                notifications:
                  endpoints:
                    - {name: a, url: "http://x", headers: {Authorization: [Bearer t]}, ignore: {actions: [pull]}}
                proxy: {remoteurl: "https://registry-1.docker.io"}
                foo: bar
                redis: {addr: "localhost:6379"}
                """), "test"), Map.of("REGISTRY_TYPO_KEY", "1",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/e", "REGISTRY_STORAGE", "filesystem",
                "REGISTRY_LOG_LEVEL", "warn"), "test");
        List<String> warnings = ConfigKeyWarnings.warnings(source.origins(), ConfigKeyWarnings.knownByMapping());
        assertEquals(List.of("proxy is not supported by Wharf, ignored (set by config.yml key proxy.remoteurl)",
                "redis is not supported by Wharf, ignored (set by config.yml key redis.addr)",
                "Ignoring unrecognized config.yml key foo",
                "Ignoring unrecognized environment variable REGISTRY_TYPO_KEY"), warnings);
    }

    @Test
    void booleansAndNumbersThatDoNotConvertAreNamedInBothForms() {
        ValueTypeCheck.check(Map.of("registry.storage.delete.enabled", "yes", "registry.storage.s3.chunksize", "5242880",
                "registry.http.secret", "maybe", "registry.unknown", "maybe"));
        RegistryConfigException bad = assertThrows(RegistryConfigException.class, () -> ValueTypeCheck.check(Map.of(
                "registry.storage.delete.enabled", "maybe", "registry.storage.s3.chunksize", "10MB")));
        assertTrue(bad.getMessage().contains("storage.delete.enabled (REGISTRY_STORAGE_DELETE_ENABLED): expected true "
                + "or false (or yes/no, on/off), got \"maybe\""), bad.getMessage());
        assertTrue(bad.getMessage().contains("storage.s3.chunksize (REGISTRY_STORAGE_S3_CHUNKSIZE): expected a whole "
                + "number, got \"10MB\""), bad.getMessage());
    }

    @Test
    void notificationEndpointValuesAreCheckedByIndexWithGoDurations() {
        ValueTypeCheck.check(Map.of("registry.notifications.endpoints[0].timeout", "500ms",
                "registry.notifications.endpoints[1].threshold", "5", "registry.notifications.endpoints[1].name", "x"));
        RegistryConfigException bad = assertThrows(RegistryConfigException.class, () -> ValueTypeCheck.check(Map.of(
                "registry.notifications.endpoints[0].backoff", "1 second",
                "registry.notifications.endpoints[2].disabled", "maybe")));
        assertTrue(bad.getMessage().contains("notifications.endpoints[0].backoff "
                + "(REGISTRY_NOTIFICATIONS_ENDPOINTS_0_BACKOFF): expected a duration"), bad.getMessage());
        assertTrue(bad.getMessage().contains("notifications.endpoints[2].disabled "
                + "(REGISTRY_NOTIFICATIONS_ENDPOINTS_2_DISABLED): expected true or false"), bad.getMessage());
    }

    @Test
    void everyRegistryConfigKeyIsKnown() {
        var known = ConfigKeyWarnings.knownByMapping();
        for (String key : List.of("registry.http.addr", "registry.http.host", "registry.http.relativeurls",
                "registry.http.secret", "registry.storage", "registry.storage.filesystem.rootdirectory",
                "registry.storage.s3.bucket", "registry.storage.s3.chunksize", "registry.storage.delete.enabled",
                "registry.storage.redirect.disable", "registry.log.level", "registry.http.tls.certificate",
                "registry.http.tls.clientcas[0]", "registry.http.headers.X-Content-Type-Options[0]",
                "registry.http.headers.x.content.type.options", "registry.storage.maintenance.readonly.enabled")) {
            assertTrue(known.test(key), key);
        }
        assertFalse(known.test("registry.storage.s3.chunksise"));
    }
}

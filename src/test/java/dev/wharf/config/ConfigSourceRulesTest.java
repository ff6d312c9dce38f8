package dev.wharf.config;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.yml flattened into registry.* properties, and REGISTRY_* variables applied on top by distribution's rules. */
class ConfigSourceRulesTest {

    static Map<String, String> properties(String yaml, Map<String, String> environment) {
        return settings(yaml, environment).values();
    }

    @SuppressWarnings("unchecked")
    static ConfigProperties settings(String yaml, Map<String, String> environment) {
        Map<String, Object> tree = yaml == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>((Map<String, Object>) YamlValues.load(yaml));
        TypedSection.normalise(tree);
        Map<String, String> applied = EnvironmentOverrides.apply(tree, environment);
        return ConfigProperties.of(tree, applied);
    }

    @Test
    void theFileBecomesRegistryProperties() {
        Map<String, String> properties = properties("""
                http:
                  addr: 127.0.0.1:5001
                  secret: 0123
                storage:
                  filesystem:
                    rootdirectory: /data
                  delete:
                    enabled: yes
                log:
                  level: debug
                """, Map.of());
        assertEquals(Map.of("registry.http.addr", "127.0.0.1:5001", "registry.http.secret", "0123",
                "registry.storage", "filesystem", "registry.storage.filesystem.rootdirectory", "/data",
                "registry.storage.delete.enabled", "yes", "registry.log.level", "debug"), properties);
    }

    @Test
    void aDriverWithoutParametersOrByNameAlone() {
        assertEquals(Map.of("registry.storage", "inmemory"), properties("storage: inmemory", Map.of()));
        assertEquals(Map.of("registry.storage", "inmemory"), properties("storage:\n  inmemory:\n", Map.of()));
    }

    @Test
    void listsAreIndexedAndMapKeysKeepTheirCase() {
        Map<String, String> properties = properties("""
                http:
                  tls:
                    clientcas: [a.pem, b.pem]
                  headers:
                    X-Content-Type-Options: [nosniff]
                    X.Dotted: [v]
                """, Map.of());
        assertEquals(Map.of("registry.http.tls.clientcas[0]", "a.pem", "registry.http.tls.clientcas[1]", "b.pem",
                "registry.http.headers.X-Content-Type-Options[0]", "nosniff",
                "registry.http.headers.\"X.Dotted\"[0]", "v"), properties);
    }

    @Test
    void variablesWinOverTheFileAndMatchKeysWhateverTheirCase() {
        Map<String, String> properties = properties("""
                storage:
                  filesystem:
                    rootDirectory: /from-file
                  delete:
                    enabled: true
                """, Map.of("REGISTRY_STORAGE_DELETE_ENABLED", "false",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/from-env", "OTHER_VARIABLE", "x"));
        assertEquals(Map.of("registry.storage", "filesystem", "registry.storage.filesystem.rootDirectory", "/from-env",
                "registry.storage.delete.enabled", "false"), properties);
    }

    @Test
    void aYamlMapValueMeansItsChildKeys() {
        Map<String, String> asMap = properties(null,
                Map.of("REGISTRY_STORAGE_MAINTENANCE_READONLY", "{\"enabled\": true}"));
        Map<String, String> asKey = properties(null, Map.of("REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", "true"));
        assertEquals(Map.of("registry.storage.maintenance.readonly.enabled", "true"), asMap);
        assertEquals(asKey, asMap);
    }

    @Test
    void valuesAreYaml() {
        Map<String, String> properties = properties(null, Map.of("REGISTRY_HTTP_TLS_CLIENTCAS", "[a.pem, b.pem]",
                "REGISTRY_HTTP_SECRET", "\"quoted: text\"",
                "REGISTRY_HTTP_HEADERS", "{X-Content-Type-Options: [nosniff]}"));
        assertEquals(Map.of("registry.http.tls.clientcas[0]", "a.pem", "registry.http.tls.clientcas[1]", "b.pem",
                "registry.http.secret", "quoted: text",
                "registry.http.headers.X-Content-Type-Options[0]", "nosniff"), properties);
    }

    @Test
    void aNumericPartIndexesAList() {
        assertEquals(Map.of("registry.http.tls.clientcas[0]", "a.pem", "registry.http.tls.clientcas[1]", "new.pem"),
                properties("http: {tls: {clientcas: [a.pem, b.pem]}}",
                        Map.of("REGISTRY_HTTP_TLS_CLIENTCAS_1", "new.pem")));
        assertEquals(Map.of("registry.http.tls.clientcas[0]", "a.pem"),
                properties(null, Map.of("REGISTRY_HTTP_TLS_CLIENTCAS_0", "a.pem")));
        RegistryConfigException past = assertThrows(RegistryConfigException.class,
                () -> properties(null, Map.of("REGISTRY_HTTP_TLS_CLIENTCAS_2", "c.pem")));
        assertTrue(past.getMessage().startsWith("REGISTRY_HTTP_TLS_CLIENTCAS_2: index 2"), past.getMessage());
    }

    @Test
    void theStorageVariableReplacesTheFilesDriverButKeepsTheSharedSections() {
        Map<String, String> properties = properties("""
                storage:
                  filesystem:
                    rootdirectory: /data
                  delete:
                    enabled: true
                  redirect:
                    disable: true
                  maintenance:
                    uploadpurging: {enabled: false}
                  cache:
                    blobdescriptor: inmemory
                """, Map.of("REGISTRY_STORAGE", "s3", "REGISTRY_STORAGE_S3_BUCKET", "b"));
        assertEquals(Map.of("registry.storage", "s3", "registry.storage.s3.bucket", "b",
                "registry.storage.delete.enabled", "true", "registry.storage.redirect.disable", "true",
                "registry.storage.maintenance.uploadpurging.enabled", "false",
                "registry.storage.cache.blobdescriptor", "inmemory"), properties);
    }

    @Test
    void twoDriversStopStartupNamingBoth() {
        RegistryConfigException inFile = assertThrows(RegistryConfigException.class,
                () -> properties("storage: {filesystem: {rootdirectory: /d}, s3: {bucket: b}}", Map.of()));
        assertTrue(inFile.getMessage().startsWith(
                "multiple storage drivers specified in configuration or environment: filesystem, s3"),
                inFile.getMessage());
        // As registry:2 does: a driver's variable on top of another driver in the file is a second driver.
        RegistryConfigException fromEnvironment = assertThrows(RegistryConfigException.class,
                () -> properties("storage: {filesystem: {rootdirectory: /d}}",
                        Map.of("REGISTRY_STORAGE_S3_BUCKET", "b")));
        assertTrue(fromEnvironment.getMessage().contains("filesystem, s3"), fromEnvironment.getMessage());
    }

    @Test
    void authNamesOneTypeAsStorageDoes() {
        assertEquals(Map.of("registry.auth", "token", "registry.auth.token.realm", "https://auth.example.com"),
                properties("auth: {token: {realm: \"https://auth.example.com\"}}", Map.of()));
        assertEquals(Map.of("registry.auth", "htpasswd", "registry.auth.htpasswd.realm", "r",
                "registry.auth.htpasswd.path", "/from-env"), properties("auth: {htpasswd: {realm: r, path: /p}}",
                Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_PATH", "/from-env")));
        RegistryConfigException two = assertThrows(RegistryConfigException.class,
                () -> properties("auth: {htpasswd: {realm: r}, token: {realm: t}}", Map.of()));
        assertTrue(two.getMessage().startsWith("multiple auth types specified in configuration or environment: "
                + "htpasswd, token"), two.getMessage());
    }

    @Test
    void namingTheFilesOwnDriverAgainKeepsItsParameters() {
        assertEquals(Map.of("registry.storage", "filesystem", "registry.storage.filesystem.rootdirectory", "/data"),
                properties("storage: {filesystem: {rootdirectory: /data}}", Map.of("REGISTRY_STORAGE", "filesystem")));
    }

    @Test
    void originsNameTheVariableOrTheKey() {
        ConfigProperties settings = settings("storage: {filesystem: {rootdirectory: /d}}\nfoo: {bar: 1}",
                Map.of("REGISTRY_STORAGE_MAINTENANCE_READONLY", "{enabled: true}"));
        assertEquals("environment variable REGISTRY_STORAGE_MAINTENANCE_READONLY",
                settings.origins().get("registry.storage.maintenance.readonly.enabled"));
        assertEquals("config.yml key foo.bar", settings.origins().get("registry.foo.bar"));
        assertEquals("storage.s3.chunksize (REGISTRY_STORAGE_S3_CHUNKSIZE)",
                ConfigProperties.describe("registry.storage.s3.chunksize"));
        assertEquals("REGISTRY_HTTP_TLS_CLIENTCAS_0", ConfigProperties.variable("http.tls.clientcas[0]"));
    }

    @Test
    void theConfigurationPathIsNoSetting() {
        assertFalse(properties(null, Map.of("REGISTRY_CONFIGURATION_PATH", "/x.yml"))
                .containsKey("registry.configuration.path"));
        assertEquals(List.of(), List.copyOf(properties(null, Map.of("REGISTRY_", "x", "REGISTRY__A", "y")).keySet()));
    }
}

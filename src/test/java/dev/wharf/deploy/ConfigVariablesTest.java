package dev.wharf.deploy;

import dev.wharf.config.RegistryConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variables derived from {@link RegistryConfig} are exactly the ones it binds, in README.md's spelling. */
class ConfigVariablesTest {
    private final ConfigVariables variables = ConfigVariables.of(RegistryConfig.class);

    @Test
    void leavesGroupsAndParentNamesBecomeVariables() {
        for (String name : new String[] {"REGISTRY_HTTP_ADDR", "REGISTRY_HTTP_SECRET", "REGISTRY_STORAGE",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "REGISTRY_STORAGE_S3_ACCESSKEY", "REGISTRY_AUTH",
                "REGISTRY_AUTH_HTPASSWD_PATH", "REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", "REGISTRY_LOG_LEVEL"}) {
            assertTrue(variables.reads(name), () -> name + " not in " + variables.patterns());
        }
    }

    @Test
    void mapsTakeAnyNameAndListsAnIndex() {
        assertTrue(variables.reads("REGISTRY_HTTP_HEADERS_X-Content-Type-Options"));
        assertTrue(variables.reads("REGISTRY_HTTP_TLS_CLIENTCAS"));
        assertTrue(variables.reads("REGISTRY_HTTP_TLS_CLIENTCAS_1"));
        assertFalse(variables.reads("REGISTRY_HTTP_HEADERS"));
    }

    @Test
    void namesTheMappingLacksAreNotRead() {
        for (String name : new String[] {"REGISTRY_STORAGE_S3_BUCKETS", "REGISTRY_STORAGE_KIND", "REGISTRY_AUTH_KIND",
                "REGISTRY_HTTP", "REGISTRY_STORAGE_S3", "REGISTRY_STORAGE_S3_MIN_CHUNK_SIZE", "REGISTRY_HTTP_TLS_KEY_0",
                "REGISTRY_STORAGE_FILESYSTEM_ROOT_DIRECTORY"}) {
            assertFalse(variables.reads(name), () -> name + " matched one of " + variables.patterns());
        }
    }
}

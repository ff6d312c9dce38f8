package dev.wharf.config;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @QuarkusTest}s run on application.properties' test settings, whatever {@code /etc/docker/registry/config.yml}
 * holds on the machine (Debian's docker-registry package installs one): the default path is read in prod only.
 */
@QuarkusTest
class MachineConfigIgnoredTest {
    @jakarta.inject.Inject
    Config config;

    @jakarta.inject.Inject
    RegistryConfig registry;

    @Test
    void theTestProfileReadsNoConfigFile() {
        List<String> settings = StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(RegistryConfigSource.class::isInstance).map(ConfigSource::getName).toList();
        assertEquals(List.of("PropertiesConfigSource[source=wharf-config environment]"), settings);
        assertEquals("inmemory", registry.storage().kind());
    }
}

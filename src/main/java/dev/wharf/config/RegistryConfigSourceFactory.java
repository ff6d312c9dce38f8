package dev.wharf.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives Quarkus' own settings from distribution's: {@code REGISTRY_HTTP_ADDR} gives {@code quarkus.http.host} and
 * {@code quarkus.http.port}; {@code REGISTRY_HTTP_TLS_*} gives HTTPS on that port ({@link TlsSettings});
 * {@code REGISTRY_LOG_LEVEL} gives {@code quarkus.log.level}; {@code REGISTRY_NOTIFICATIONS_ENDPOINTS_<i>_<KEY>} gives
 * {@code registry.notifications.endpoints[i].<key>} ({@link NotificationEnvNames}). Invalid values derive nothing and are reported by the
 * validated {@link RegistryConfig} mapping.
 */
public class RegistryConfigSourceFactory implements ConfigSourceFactory {
    /** Below environment variables and system properties (300/400), above application.properties (250). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String addr = value(context, "registry.http.addr");
        RegistryAddress.parse(addr == null ? ":5000" : addr).ifPresent(address -> {
            derived.put("quarkus.http.host", address.host());
            derived.put("quarkus.http.port", Integer.toString(address.port()));
            derived.putAll(TlsSettings.derive(context, address.port()));
        });
        derived.putAll(TlsSettings.indexedClientCas(context));
        derived.putAll(NotificationEnvNames.derive(context));
        RegistryLogLevel.toQuarkus(value(context, "registry.log.level"))
                .ifPresent(level -> derived.put("quarkus.log.level", level));
        return List.of(new PropertiesConfigSource(derived, "wharf-derived", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}

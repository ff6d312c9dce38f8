package dev.wharf.config;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.PropertyNamesMatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * At startup, one warning per setting Wharf does not use: a key of distribution's that Wharf deliberately does not
 * support ("not supported by Wharf"), or one nobody knows ("Ignoring unrecognized …", distribution's words). What
 * Wharf knows is what {@link RegistryConfig} maps: adding a key there is enough.
 */
@ApplicationScoped
public class ConfigKeyWarnings {
    private static final Logger LOG = Logger.getLogger(ConfigKeyWarnings.class);

    /** distribution's sections (config.yml keys) that Wharf ignores; the most specific first when nested. */
    static final List<String> UNSUPPORTED = List.of(
            "proxy", "redis", "middleware", "health",
            "reporting", "validation", "compatibility", "catalog", "tags", "loglevel",
            "log.fields", "log.hooks",
            "http.net", "http.prefix", "http.http2", "http.h2c",
            "http.tls.letsencrypt", "http.tls.minimumtls", "http.tls.ciphersuites", "http.tls.clientauth",
            "storage.maintenance.uploadpurging", "storage.tag",
            "storage.azure", "storage.gcs", "storage.swift", "storage.oss",
            "storage.s3.redirectendpoint", "storage.s3.v4auth", "storage.s3.multipartcopychunksize",
            "storage.s3.multipartcopymaxconcurrency", "storage.s3.multipartcopythresholdsize", "storage.s3.objectacl",
            "storage.s3.useragent", "storage.s3.usedualstack", "storage.s3.accelerate", "storage.s3.usefipsendpoint",
            "storage.s3.loglevel", "storage.s3.sessiontoken", "storage.filesystem.maxthreads");

    void warn(@Observes StartupEvent event) {
        Predicate<String> known = knownByMapping();
        ConfigProvider.getConfig().getConfigSources().forEach(source -> {
            if (source instanceof RegistryConfigSource settings) {
                warnings(settings.origins(), known).forEach(LOG::warn);
            }
        });
    }

    /** Whether {@link RegistryConfig} binds a property name ({@code registry.storage.s3.bucket}, …). */
    static Predicate<String> knownByMapping() {
        return knownBy(RegistryConfig.class);
    }

    static Predicate<String> knownBy(Class<?> mapping) {
        PropertyNamesMatcher matcher = ConfigMappings.propertyNamesMatcher(
                List.of(ConfigMappings.ConfigClass.configClass(mapping, "registry")));
        return matcher::matches;
    }

    /**
     * The warnings for the settings in {@code origins} (property name → where it was set) that {@code known} does
     * not accept: one per unsupported section and origin, one per unrecognized variable or config.yml key.
     */
    static List<String> warnings(Map<String, String> origins, Predicate<String> known) {
        Map<String, Set<String>> unsupported = new LinkedHashMap<>();
        Set<String> unrecognized = new LinkedHashSet<>();
        origins.forEach((property, origin) -> {
            if (known.test(property)) {
                return;
            }
            String key = property.substring(ConfigProperties.PREFIX.length());
            String section = UNSUPPORTED.stream().filter(s -> key.equals(s) || key.startsWith(s + ".")
                    || key.startsWith(s + "[")).findFirst().orElse(null);
            if (section != null) {
                unsupported.computeIfAbsent(section, s -> new LinkedHashSet<>()).add(origin);
            } else {
                unrecognized.add(origin);
            }
        });
        List<String> warnings = new ArrayList<>();
        unsupported.forEach((section, where) -> warnings.add(section + " is not supported by Wharf, ignored (set by "
                + String.join(", ", where) + ")"));
        unrecognized.forEach(origin -> warnings.add("Ignoring unrecognized " + origin));
        return warnings;
    }
}

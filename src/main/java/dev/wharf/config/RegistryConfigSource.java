package dev.wharf.config;

import io.smallrye.config.PropertiesConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wharf's settings as distribution computes them: config.yml (if any), then the {@code REGISTRY_*} variables applied
 * on top by distribution's rules ({@link EnvironmentOverrides}), as {@code registry.*} properties
 * ({@link ConfigProperties}). Its ordinal is above the plain environment's (300), which knows nothing of YAML values
 * or of {@code REGISTRY_STORAGE} replacing the file's driver, and below system properties (400).
 */
public final class RegistryConfigSource extends PropertiesConfigSource {
    static final int ORDINAL = 305;

    private final transient Map<String, String> origins;

    private RegistryConfigSource(ConfigProperties properties, String name) {
        super(properties.values(), name, ORDINAL);
        this.origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties.origins()));
    }

    /**
     * @param file        the settings read from config.yml (empty without a file); not modified
     * @param environment the process' environment; only {@code REGISTRY_*} entries are used
     * @param name        the source's name in SmallRye's messages
     */
    static RegistryConfigSource of(Map<String, Object> file, Map<String, String> environment, String name) {
        Map<String, Object> tree = new LinkedHashMap<>(file);
        Map<String, String> applied = EnvironmentOverrides.apply(tree, environment);
        return new RegistryConfigSource(ConfigProperties.of(tree, applied), name);
    }

    /** Property name → "config.yml key …" or "environment variable REGISTRY_…". */
    public Map<String, String> origins() {
        return origins;
    }
}

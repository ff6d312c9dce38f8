package dev.wharf.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link io.smallrye.config.ConfigSourceFactory} sees, with the {@link RegistryConfigSource} it just built
 * ranked where SmallRye will rank it: a source above it (system properties) still wins, the settings win over the
 * rest. The factory's context alone would miss config.yml, so Quarkus' settings derived from {@code http.addr} or
 * {@code http.tls.*} follow the file too.
 */
final class SettingsContext implements ConfigSourceContext {
    private final ConfigSourceContext context;
    private final RegistryConfigSource settings;

    SettingsContext(ConfigSourceContext context, RegistryConfigSource settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public ConfigValue getValue(String name) {
        ConfigValue value = context.getValue(name);
        if (value != null && value.getValue() != null && value.getConfigSourceOrdinal() > settings.getOrdinal()) {
            return value;
        }
        ConfigValue own = settings.getConfigValue(name);
        return own != null ? own : value;
    }

    @Override
    public Iterator<String> iterateNames() {
        Set<String> names = new LinkedHashSet<>(settings.getPropertyNames());
        context.iterateNames().forEachRemaining(names::add);
        return names.iterator();
    }

    @Override
    public List<String> getProfiles() {
        return context.getProfiles();
    }
}

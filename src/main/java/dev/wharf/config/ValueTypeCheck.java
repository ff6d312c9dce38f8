package dev.wharf.config;

import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.WithConverter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that the booleans, numbers and durations of config.yml and {@code REGISTRY_*} convert, before Quarkus starts, so that
 * the message names the key in both forms ({@code storage.delete.enabled (REGISTRY_STORAGE_DELETE_ENABLED)}); the
 * converters that bind them later would name only {@code registry.storage.delete.enabled}.
 */
final class ValueTypeCheck {
    private ValueTypeCheck() {
    }

    /** @throws RegistryConfigException naming every value that does not convert */
    static void check(Map<String, String> values) {
        Map<String, Property> properties = ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(RegistryConfig.class, "registry"));
        List<String> problems = new ArrayList<>();
        values.forEach((name, value) -> {
            Property property = properties.get(name);
            if (property == null) {
                property = properties.get(name.replaceAll("\\[[0-9]+]", "[*]"));
            }
            if (property == null || value.isBlank()) {
                return;
            }
            Class<?> type = property.getMethod().getReturnType();
            try {
                if (type == boolean.class || type == Boolean.class) {
                    new StrictBooleanConverter().convert(value);
                } else if (type == long.class || type == Long.class) {
                    Long.parseLong(value.trim());
                } else if (type == int.class || type == Integer.class) {
                    Integer.parseInt(value.trim());
                } else if (type == Duration.class && property.getMethod().isAnnotationPresent(WithConverter.class)
                        && property.getMethod().getAnnotation(WithConverter.class).value()
                        == GoDurationConverter.class) {
                    new GoDurationConverter().convert(value);
                }
            } catch (NumberFormatException e) {
                problems.add(ConfigProperties.describe(name) + ": expected a whole number, got \"" + value + "\"");
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProperties.describe(name) + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new RegistryConfigException(String.join("; ", problems));
        }
    }
}

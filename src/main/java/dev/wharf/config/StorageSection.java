package dev.wharf.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * distribution's rule for {@code storage}: it holds exactly one driver ({@code filesystem: {...}}, {@code s3: {...}},
 * or just its name) next to the sections every driver shares.
 */
final class StorageSection {
    static final String KEY = "storage";
    /** The keys under {@code storage} that are not drivers (distribution's {@code configuration.go}). */
    static final Set<String> SHARED = Set.of("delete", "redirect", "maintenance", "cache", "tag");

    private StorageSection() {
    }

    /** Turns {@code storage: inmemory} into {@code storage: {inmemory: {}}}, so variables can add to it. */
    @SuppressWarnings("unchecked")
    static void normalise(Map<String, Object> tree) {
        Object storage = tree.get(KEY);
        if (storage != null && !(storage instanceof Map)) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(storage.toString(), new LinkedHashMap<String, Object>());
            tree.put(KEY, map);
        }
    }

    /** {@code REGISTRY_STORAGE=<driver>}: the driver and its parameters replace the file's; shared sections stay. */
    @SuppressWarnings("unchecked")
    static void replaceDriver(Map<String, Object> tree, String driver) {
        Map<String, Object> storage = tree.get(KEY) instanceof Map<?, ?> map
                ? (Map<String, Object>) map : new LinkedHashMap<>();
        storage.keySet().removeIf(key -> !SHARED.contains(key));
        if (driver != null && !driver.isBlank()) {
            storage.put(driver.trim(), new LinkedHashMap<String, Object>());
        }
        tree.put(KEY, storage);
    }

    /** The drivers named in {@code storage}; more than one stops startup, as in distribution. */
    static List<String> drivers(Map<String, Object> storage) {
        List<String> drivers = new ArrayList<>();
        storage.keySet().stream().filter(key -> !SHARED.contains(key)).sorted().forEach(drivers::add);
        if (drivers.size() > 1) {
            throw new RegistryConfigException("multiple storage drivers specified in configuration or environment: "
                    + String.join(", ", drivers) + " (keep one; REGISTRY_STORAGE=<driver> replaces the file's)");
        }
        return drivers;
    }
}

package dev.wharf.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * distribution's sections that name one type with its parameters: {@code storage} holds exactly one driver
 * ({@code filesystem: {...}}, {@code s3: {...}}, or just its name) next to the sections every driver shares;
 * {@code auth} one access controller ({@code htpasswd: {...}}). Flattened, the type is the section's own property
 * ({@code registry.storage=s3}, {@code registry.auth=htpasswd}), which the mapping validates.
 *
 * @param key    the section's key
 * @param shared the keys under it that are not types (distribution's {@code configuration.go})
 */
record TypedSection(String key, Set<String> shared) {
    static final TypedSection STORAGE = new TypedSection("storage",
            Set.of("delete", "redirect", "maintenance", "cache", "tag"));
    static final TypedSection AUTH = new TypedSection("auth", Set.of());
    static final List<TypedSection> ALL = List.of(STORAGE, AUTH);

    /** The section {@code key} names, if it is one. */
    static TypedSection of(String key) {
        return ALL.stream().filter(section -> section.key.equals(key)).findFirst().orElse(null);
    }

    /** Turns {@code storage: inmemory} into {@code storage: {inmemory: {}}}, so variables can add to it. */
    static void normalise(Map<String, Object> tree) {
        for (TypedSection section : ALL) {
            Object value = tree.get(section.key);
            if (value != null && !(value instanceof Map)) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(value.toString(), new LinkedHashMap<String, Object>());
                tree.put(section.key, map);
            }
        }
    }

    /**
     * {@code REGISTRY_STORAGE=<driver>}: the type named replaces the file's; shared sections stay, and so do the
     * parameters when the file names the same type (distribution drops both).
     */
    @SuppressWarnings("unchecked")
    void replaceType(Map<String, Object> tree, String type) {
        Map<String, Object> section = tree.get(key) instanceof Map<?, ?> map
                ? (Map<String, Object>) map : new LinkedHashMap<>();
        String named = type == null ? "" : type.trim();
        section.keySet().removeIf(k -> !shared.contains(k) && !k.equals(named));
        if (!named.isEmpty()) {
            section.putIfAbsent(named, new LinkedHashMap<String, Object>());
        }
        tree.put(key, section);
    }

    /** The types named in the section; more than one stops startup, as in distribution. */
    List<String> types(Map<String, Object> section) {
        List<String> types = new ArrayList<>();
        section.keySet().stream().filter(k -> !shared.contains(k)).sorted().forEach(types::add);
        if (types.size() > 1) {
            String what = this == STORAGE ? "storage drivers" : key + " types";
            throw new RegistryConfigException("multiple " + what + " specified in configuration or environment: "
                    + String.join(", ", types) + " (keep one; REGISTRY_" + key.toUpperCase(java.util.Locale.ROOT)
                    + "=<type> replaces the file's)");
        }
        return types;
    }
}

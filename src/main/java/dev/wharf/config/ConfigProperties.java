package dev.wharf.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * distribution's settings tree as {@code registry.*} properties, the names {@link RegistryConfig} binds:
 * {@code storage: {s3: {bucket: b}}} becomes {@code registry.storage=s3} and {@code registry.storage.s3.bucket=b},
 * a list {@code registry.http.tls.clientcas[0]}, … Each property also records where it came from (a config.yml key
 * or the {@code REGISTRY_*} variable that set it), for the warnings about keys Wharf does not use.
 *
 * @param values  property name → value
 * @param origins property name → "config.yml key storage.s3.bucket" or "environment variable REGISTRY_…"
 */
record ConfigProperties(Map<String, String> values, Map<String, String> origins) {
    static final String PREFIX = "registry.";

    /**
     * @param tree      the settings, {@code REGISTRY_*} variables applied
     * @param variables what {@link EnvironmentOverrides#apply} returned: the dotted path each variable set
     */
    @SuppressWarnings("unchecked")
    static ConfigProperties of(Map<String, Object> tree, Map<String, String> variables) {
        Map<String, String> values = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            TypedSection section = TypedSection.of(key);
            if (section != null && value instanceof Map<?, ?> map) {
                flattenTyped(section, (Map<String, Object>) map, values);
            } else {
                flatten(PREFIX + segment(key), value, values);
            }
        });
        Map<String, String> origins = new LinkedHashMap<>();
        values.keySet().forEach(name -> origins.put(name, origin(name, variables)));
        return new ConfigProperties(values, origins);
    }

    /** {@code storage.s3.chunksize (REGISTRY_STORAGE_S3_CHUNKSIZE)} for {@code registry.storage.s3.chunksize}. */
    static String describe(String property) {
        String key = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
        return key + " (" + variable(key) + ")";
    }

    /** {@code REGISTRY_HTTP_TLS_CLIENTCAS_0} for {@code http.tls.clientcas[0]}. */
    static String variable(String key) {
        return EnvironmentOverrides.PREFIX + key.replace("\"", "").replace("[", ".").replace("]", "")
                .replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static void flattenTyped(TypedSection section, Map<String, Object> map, Map<String, String> values) {
        section.types(map).forEach(type -> values.put(PREFIX + section.key(), type));
        map.forEach((key, value) -> flatten(PREFIX + section.key() + "." + segment(key), value, values));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String name, Object value, Map<String, String> values) {
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((key, child) -> flatten(name + "." + segment(key), child, values));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(name + "[" + i + "]", list.get(i), values);
            }
        } else if (value != null) {
            values.put(name, value.toString());
        }
    }

    /** A map key as one segment of a property name: quoted when it holds a dot. */
    private static String segment(Object key) {
        String text = String.valueOf(key);
        return text.contains(".") ? "\"" + text + "\"" : text;
    }

    private static String origin(String name, Map<String, String> variables) {
        String key = name.substring(PREFIX.length());
        String best = null;
        String variable = null;
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            String path = entry.getKey().replaceAll("\\.([0-9]+)(?=\\.|$)", "[$1]");
            boolean covers = key.equalsIgnoreCase(path) || key.toLowerCase(java.util.Locale.ROOT)
                    .startsWith(path.toLowerCase(java.util.Locale.ROOT) + ".")
                    || key.toLowerCase(java.util.Locale.ROOT).startsWith(path.toLowerCase(java.util.Locale.ROOT) + "[");
            if (covers && (best == null || path.length() > best.length())) {
                best = path;
                variable = entry.getValue();
            }
        }
        return variable != null ? "environment variable " + variable : "config.yml key " + key;
    }
}

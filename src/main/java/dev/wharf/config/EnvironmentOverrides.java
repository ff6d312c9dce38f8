package dev.wharf.config;

import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code REGISTRY_*} variables to the settings read from config.yml the way distribution does
 * ({@code configuration/parser.go}): in name order, each name split on {@code _} into a path whose parts match keys
 * case-insensitively (new keys are lowercase), its value parsed as YAML and put at that path, replacing what was
 * there. So {@code REGISTRY_STORAGE_MAINTENANCE_READONLY='{"enabled": true}'} and
 * {@code REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED=true} mean the same, and a numeric part indexes a list
 * ({@code REGISTRY_HTTP_TLS_CLIENTCAS_0}).
 * <p>
 * One exception, as users of {@code registry:2} rely on it: a type name alone ({@code REGISTRY_STORAGE=s3},
 * {@code REGISTRY_AUTH=htpasswd}) replaces the file's type and its parameters ({@link TypedSection#replaceType}), but
 * keeps {@code storage}'s {@code delete}, {@code redirect}, {@code maintenance}, {@code cache} and {@code tag}.
 */
final class EnvironmentOverrides {
    static final String PREFIX = "REGISTRY_";
    /** Where the configuration file is, not a setting. */
    static final String CONFIGURATION_PATH = "REGISTRY_CONFIGURATION_PATH";

    private EnvironmentOverrides() {
    }

    /**
     * Applies the {@code REGISTRY_*} entries of {@code environment} to {@code tree} and returns, for each one, the
     * path it set (parts joined by dots, e.g. {@code storage.maintenance.readonly}) and the variable's name.
     */
    static Map<String, String> apply(Map<String, Object> tree, Map<String, String> environment) {
        Map<String, String> applied = new LinkedHashMap<>();
        new TreeMap<>(environment).forEach((name, text) -> {
            if (!name.startsWith(PREFIX) || name.equals(CONFIGURATION_PATH) || name.length() == PREFIX.length()) {
                return;
            }
            List<String> path = List.of(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_", -1));
            if (path.contains("")) {
                return;
            }
            Object value = parse(name, text);
            set(tree, path, value, name);
            boolean typeName = path.size() == 1 && TypedSection.of(path.get(0)) != null && value != null
                    && !(value instanceof Map);
            applied.put(typeName ? path.get(0) + "." + value : String.join(".", path), name);
        });
        return applied;
    }

    private static Object parse(String name, String text) {
        try {
            return YamlValues.load(text);
        } catch (YAMLException e) {
            throw new RegistryConfigException(name + " is not a valid YAML value (" + YamlValues.describe(e)
                    + "); distribution reads every REGISTRY_* value as YAML: quote it");
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, List<String> path, Object value, String variable) {
        TypedSection section = path.size() == 1 ? TypedSection.of(path.get(0)) : null;
        if (section != null && !(value instanceof Map)) {
            section.replaceType(tree, value == null ? null : value.toString());
            return;
        }
        Object node = tree;
        for (int i = 0; i < path.size(); i++) {
            String part = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? value : null;
            if (node instanceof List<?> list && part.matches("[0-9]+")) {
                int index = Integer.parseInt(part);
                List<Object> elements = (List<Object>) list;
                if (index > elements.size()) {
                    throw new RegistryConfigException(variable + ": index " + index + " is past the end of the list ("
                            + elements.size() + " elements)");
                }
                if (!last) {
                    next = index < elements.size() ? elements.get(index) : null;
                    next = container(next, path.get(i + 1));
                }
                if (index == elements.size()) {
                    elements.add(next);
                } else {
                    elements.set(index, next);
                }
            } else {
                Map<String, Object> map = (Map<String, Object>) node;
                String key = existingKey(map, part);
                if (!last) {
                    next = container(map.get(key), path.get(i + 1));
                }
                map.put(key, next);
            }
            node = next;
        }
    }

    /** {@code current} when it can hold the next part, else a new list (numeric part) or map. */
    private static Object container(Object current, String nextPart) {
        if (current instanceof Map || current instanceof List && nextPart.matches("[0-9]+")) {
            return current;
        }
        return nextPart.matches("[0-9]+") ? new ArrayList<>() : new LinkedHashMap<String, Object>();
    }

    private static String existingKey(Map<String, Object> map, String part) {
        for (String key : map.keySet()) {
            if (key.equalsIgnoreCase(part)) {
                return key;
            }
        }
        return part;
    }
}

package dev.wharf.deploy;

import dev.wharf.config.RegistryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code REGISTRY_*} variables Wharf reads, derived from the {@link RegistryConfig} mapping itself (not from a
 * list kept by hand), so a key added to the mapping is known here at once. Each member of the mapping is a name
 * segment ({@code @WithName}, or the method's name in kebab case; none with {@code @WithParentName}); nested
 * interfaces are groups; a map takes any further name ({@code REGISTRY_HTTP_HEADERS_<Name>}), a list an optional index
 * ({@code REGISTRY_HTTP_TLS_CLIENTCAS_0}). Names become variables as SmallRye Config maps them: upper case, every
 * character other than a letter or digit an underscore.
 */
final class ConfigVariables {
    private final List<Pattern> patterns;

    private ConfigVariables(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The variables {@link RegistryConfig} binds. */
    static ConfigVariables of(Class<?> mapping) {
        String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
        List<String> regexes = new ArrayList<>();
        walk(mapping, Pattern.quote(variable(prefix)), regexes);
        return new ConfigVariables(regexes.stream().map(Pattern::compile).toList());
    }

    /** Whether {@code name} (e.g. {@code REGISTRY_STORAGE_S3_BUCKET}) is one of them. */
    boolean reads(String name) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    /** The patterns, readably (without quoting), for failure messages. */
    List<String> patterns() {
        return patterns.stream().map(pattern -> pattern.pattern().replace("\\Q", "").replace("\\E", "")).toList();
    }

    private static void walk(Class<?> group, String prefix, List<String> regexes) {
        for (Method member : group.getMethods()) {
            if (Modifier.isStatic(member.getModifiers()) || member.isDefault() || member.getParameterCount() > 0) {
                continue;
            }
            String name = prefix;
            if (!member.isAnnotationPresent(WithParentName.class)) {
                WithName withName = member.getAnnotation(WithName.class);
                name += "_" + Pattern.quote(variable(withName != null ? withName.value() : kebab(member.getName())));
            }
            member(member.getGenericReturnType(), name, regexes);
        }
    }

    private static void member(Type type, String name, List<String> regexes) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            member(argument(type, 0), name, regexes);
        } else if (Map.class.isAssignableFrom(raw)) {
            regexes.add(name + "_.+");
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type element = argument(type, 0);
            if (isGroup(raw(element))) {
                walk(raw(element), name + "_[0-9]+", regexes);
            } else {
                regexes.add(name + "(_[0-9]+)?");
            }
        } else if (isGroup(raw)) {
            walk(raw, name, regexes);
        } else {
            regexes.add(name);
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index]
                : Object.class;
    }

    /** SmallRye's default naming: {@code rootDirectory} is {@code root-directory}. */
    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String variable(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}

package dev.wharf.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads distribution's spelling of notification endpoints in the environment, {@code
 * REGISTRY_NOTIFICATIONS_ENDPOINTS_<i>_<KEY>}, as the properties the {@link NotificationsConfig} mapping binds
 * ({@code registry.notifications.endpoints[i].<key>}), which SmallRye alone would only read from its own spelling
 * ({@code REGISTRY_NOTIFICATIONS_ENDPOINTS_<i>__URL}). {@code _HEADERS_<NAME>}, {@code _IGNOREDMEDIATYPES},
 * {@code _IGNORE_MEDIATYPES} and {@code _IGNORE_ACTIONS} (also with a list index, {@code _IGNORE_ACTIONS_0}) too.
 */
final class NotificationEnvNames {
    private static final Pattern ENDPOINT = Pattern.compile("REGISTRY_NOTIFICATIONS_ENDPOINTS_(\\d+)_(.+)");
    private static final Pattern SCALAR = Pattern.compile("NAME|DISABLED|URL|TIMEOUT|THRESHOLD|BACKOFF");
    private static final Pattern LIST = Pattern.compile("(IGNOREDMEDIATYPES|IGNORE_MEDIATYPES|IGNORE_ACTIONS)(?:_(\\d+))?");
    private static final Pattern HEADER = Pattern.compile("HEADERS_([A-Za-z0-9_-]+)");

    private NotificationEnvNames() {
    }

    static Map<String, String> derive(ConfigSourceContext context) {
        Map<String, String> derived = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String name = names.next();
            Matcher endpoint = ENDPOINT.matcher(name);
            if (!endpoint.matches()) {
                continue;
            }
            String property = property(endpoint.group(2));
            ConfigValue value = context.getValue(name);
            if (property != null && value != null && value.getValue() != null) {
                derived.put("registry.notifications.endpoints[" + endpoint.group(1) + "]." + property,
                        value.getValue());
            }
        }
        return derived;
    }

    /** The key under {@code endpoints[i]} for the rest of a variable's name; null when it names none. */
    static String property(String rest) {
        if (SCALAR.matcher(rest).matches()) {
            return rest.toLowerCase(Locale.ROOT);
        }
        Matcher list = LIST.matcher(rest);
        if (list.matches()) {
            String key = list.group(1).toLowerCase(Locale.ROOT).replace('_', '.');
            return list.group(2) == null ? key : key + "[" + list.group(2) + "]";
        }
        Matcher header = HEADER.matcher(rest);
        return header.matches() ? "headers." + header.group(1) : null;
    }
}

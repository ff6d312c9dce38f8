package dev.wharf.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code REGISTRY_HTTP_HEADERS} as sent: each name in its canonical form ({@code X-Content-Type-Options}, as Go's
 * {@code http.Header.Add} writes it), whatever the spelling it was configured with ({@code x-content-type-options},
 * or {@code X_CONTENT_TYPE_OPTIONS} in a variable name, which SmallRye reads as {@code x.content.type.options}); a
 * value given as distribution's YAML list ({@code [nosniff]}, {@code [a, b]}) is that list. Invalid names and values
 * stop startup naming the variable.
 */
public final class ResponseHeaders {
    private static final String TOKEN = "[!#$%&'*+^`|~0-9A-Za-z-]+";

    private ResponseHeaders() {
    }

    public static Map<String, List<String>> of(Map<String, List<String>> configured) {
        return of("REGISTRY_HTTP_HEADERS", configured);
    }

    /** As {@link #of(Map)}, for headers configured under {@code variable} (named in errors). */
    public static Map<String, List<String>> of(String variable, Map<String, List<String>> configured) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        configured.forEach((name, values) -> {
            String canonical = canonical(name);
            if (!canonical.matches(TOKEN)) {
                throw new IllegalStateException(variable + ": \"" + name + "\" is not a header name");
            }
            List<String> parsed = values(values);
            for (String value : parsed) {
                if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw new IllegalStateException(variable + "_" + canonical
                            + ": a value holds a control character");
                }
            }
            headers.computeIfAbsent(canonical, n -> new ArrayList<>()).addAll(parsed);
        });
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Map.copyOf(headers);
    }

    /** {@code x_content.type-OPTIONS} → {@code X-Content-Type-Options}. */
    static String canonical(String name) {
        String dashed = name.trim().replace('_', '-').replace('.', '-');
        StringBuilder canonical = new StringBuilder(dashed.length());
        boolean upper = true;
        for (char c : dashed.toCharArray()) {
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    /** The values, with a YAML flow list ({@code [a, "b"]}, split at its commas by SmallRye) unwrapped. */
    public static List<String> values(List<String> values) {
        List<String> trimmed = values.stream().map(String::trim).toList();
        if (!trimmed.isEmpty() && trimmed.get(0).startsWith("[") && trimmed.get(trimmed.size() - 1).endsWith("]")) {
            List<String> unwrapped = new ArrayList<>(trimmed);
            unwrapped.set(0, unwrapped.get(0).substring(1));
            int last = unwrapped.size() - 1;
            unwrapped.set(last, unwrapped.get(last).substring(0, unwrapped.get(last).length() - 1));
            trimmed = unwrapped.stream().map(String::trim).map(ResponseHeaders::unquote)
                    .filter(value -> !value.isEmpty()).toList();
        }
        return trimmed;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}

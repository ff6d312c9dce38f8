package dev.wharf.config;

import java.util.Optional;
import java.util.regex.Matcher;

/** Splits distribution's {@code http.addr} ({@code [host]:port}) into what Quarkus' HTTP server takes. */
public record RegistryAddress(String host, int port) {
    static final String PATTERN = "(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]*):"
            + "([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    /** Empty when the text is not a valid address (the config mapping then reports it). */
    public static Optional<RegistryAddress> parse(String addr) {
        if (addr == null) {
            return Optional.empty();
        }
        Matcher m = COMPILED.matcher(addr.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            return Optional.empty();
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new RegistryAddress(host.isEmpty() ? "0.0.0.0" : host, port));
    }
}

package dev.wharf.config;

import java.util.Locale;
import java.util.Optional;

/** Maps distribution's log levels onto JBoss Logging's. */
final class RegistryLogLevel {
    static final String PATTERN = "(?i)error|warn|warning|info|debug|trace";

    private RegistryLogLevel() {
    }

    static Optional<String> toQuarkus(String level) {
        if (level == null) {
            return Optional.empty();
        }
        return switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Optional.of("ERROR");
            case "warn", "warning" -> Optional.of("WARN");
            case "info" -> Optional.of("INFO");
            case "debug" -> Optional.of("DEBUG");
            case "trace" -> Optional.of("TRACE");
            default -> Optional.empty();
        };
    }
}

package dev.wharf.config;

import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.Locale;

/**
 * Booleans as distribution's YAML reads them ({@code true/false}, {@code yes/no}, {@code on/off}, any case), and
 * nothing else: {@code REGISTRY_STORAGE_DELETE_ENABLED=maybe} stops startup instead of silently meaning false.
 */
@Priority(200)
public class StrictBooleanConverter implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "true", "yes", "on", "y", "1" -> Boolean.TRUE;
            case "false", "no", "off", "n", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(
                    "expected true or false (or yes/no, on/off), got \"" + value + "\"");
        };
    }
}

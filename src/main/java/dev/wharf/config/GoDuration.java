package dev.wharf.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as distribution's config.yml writes them (Go's {@code time.ParseDuration}): a sequence of decimal numbers
 * with units, {@code 300ms}, {@code 1.5s}, {@code 2m30s}, {@code 1h}; {@code ns}, {@code us}/{@code µs}, {@code ms},
 * {@code s}, {@code m}, {@code h}; a bare {@code 0}. Negative durations are refused.
 */
public final class GoDuration {
    /** The syntax, for {@code @Pattern} validation. */
    public static final String PATTERN = "0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+";
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** The duration the text names; empty when it is not a Go duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null || !text.trim().matches(PATTERN)) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(text.trim());
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}

package dev.wharf.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as distribution reads them: Go's syntax ({@code 500ms}, {@code 1s}, {@code 1m30s}, {@code 1.5h}; units
 * ns, us, µs, ms, s, m, h) or a bare integer, which Go's YAML takes as nanoseconds. Anything else stops startup.
 */
public class GoDurationConverter implements Converter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.matches("[-+]?\\d+")) {
            return Duration.ofNanos(Long.parseLong(text));
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 1s or 5m, got \"" + value + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
        }
        long total = nanos.longValue();
        return Duration.ofNanos(text.startsWith("-") ? -total : total);
    }
}

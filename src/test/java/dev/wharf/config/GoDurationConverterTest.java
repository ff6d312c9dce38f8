package dev.wharf.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations as distribution's configuration spells them (Go's time.ParseDuration, or YAML integers in ns). */
class GoDurationConverterTest {
    private final GoDurationConverter converter = new GoDurationConverter();

    @Test
    void readsGoDurations() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(1), converter.convert("1s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofMinutes(90), converter.convert("1.5h"));
        assertEquals(Duration.ofNanos(2_300), converter.convert("2.3us"));
        assertEquals(Duration.ofNanos(7), converter.convert("7ns"));
        assertEquals(Duration.ofMillis(-250), converter.convert("-250ms"));
        assertEquals(Duration.ZERO, converter.convert("0"));
    }

    @Test
    void aBareIntegerIsNanosecondsAsGoYamlReadsIt() {
        assertEquals(Duration.ofNanos(500), converter.convert("500"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"1 s", "5 minutes", "PT1S", "s", "1x", "1.2.3s", "ms5"}) {
            assertThrows(IllegalArgumentException.class, () -> converter.convert(bad), bad);
        }
    }
}

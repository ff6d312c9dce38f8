package dev.wharf.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus' text format, as {@code /q/metrics} and the debug server print it. */
public final class Prometheus {
    private Prometheus() {
    }

    /** The value of the series named exactly so (name and labels as Prometheus prints them), or 0 when absent. */
    public static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

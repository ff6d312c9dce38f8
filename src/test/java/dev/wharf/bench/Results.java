package dev.wharf.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run, per storage, scenario and figure, for both programs, printed as one table with the ratio
 * Wharf / docker-registry. A scenario that failed on one program shows {@code n/a} there, with the reason below the
 * table.
 */
final class Results {
    private record Row(String storage, String scenario, String figure) {
    }

    private final Map<Row, Map<Server.Program, Figure>> rows = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** {@code storage/scenario} in the order first seen, failed ones included: the table's order. */
    private final List<String> order = new ArrayList<>();

    synchronized void add(String storage, String scenario, Server.Program program, Figure figure) {
        see(storage, scenario);
        rows.computeIfAbsent(new Row(storage, scenario, figure.name()), row -> new EnumMap<>(Server.Program.class))
                .put(program, figure);
    }

    synchronized void fail(String storage, String scenario, Server.Program program, Exception cause) {
        see(storage, scenario);
        failures.add("n/a: " + program.label + ", " + storage + ", " + scenario + ": " + cause);
    }

    private void see(String storage, String scenario) {
        if (!order.contains(storage + "/" + scenario)) {
            order.add(storage + "/" + scenario);
        }
    }

    /** Why scenarios did not produce figures, one line each. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** The scenarios of {@code storage} that have figures from {@code program}. */
    synchronized List<String> scenarios(String storage, Server.Program program) {
        return rows.entrySet().stream().filter(entry -> entry.getKey().storage().equals(storage)
                && entry.getValue().containsKey(program)).map(entry -> entry.getKey().scenario()).distinct().toList();
    }

    /**
     * The table, one section per storage; ratios above 1 are better for Wharf on rates, worse on costs. A section
     * with {@link Floor} figures has a last column with them.
     */
    synchronized String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-34s %-44s %10s %16s %8s%s%n";
        String storage = null;
        boolean floor = false;
        List<Map.Entry<Row, Map<Server.Program, Figure>>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Comparator.comparingInt(entry -> order.indexOf(entry.getKey().storage() + "/"
                + entry.getKey().scenario())));
        for (Map.Entry<Row, Map<Server.Program, Figure>> entry : sorted) {
            Row row = entry.getKey();
            if (!row.storage().equals(storage)) {
                storage = row.storage();
                String section = storage;
                floor = rows.entrySet().stream().anyMatch(other -> other.getKey().storage().equals(section)
                        && other.getValue().containsKey(Server.Program.FLOOR));
                out.append(String.format("%n== storage: %s%n", storage));
                out.append(String.format(format, "scenario", "figure", "Wharf", "docker-registry", "W/d-r",
                        floor ? String.format(" %8s", "floor") : ""));
            }
            Figure wharf = entry.getValue().get(Server.Program.WHARF);
            Figure reference = entry.getValue().get(Server.Program.REFERENCE);
            String ratio = wharf == null || reference == null || reference.value() == 0 ? "n/a"
                    : format(wharf.value() / reference.value()) + "x";
            String figure = row.figure() + (wharf != null && !wharf.higherIsBetter()
                    || reference != null && !reference.higherIsBetter() ? " (lower is better)" : "");
            Figure least = entry.getValue().get(Server.Program.FLOOR);
            out.append(String.format(format, row.scenario(), figure, cell(wharf), cell(reference), ratio,
                    !floor ? "" : String.format(" %8s", least == null ? "" : cell(least))));
        }
        if (!failures.isEmpty()) {
            out.append(String.format("%n"));
            failures.forEach(failure -> out.append(failure).append(String.format("%n")));
        }
        return out.toString();
    }

    private static String cell(Figure figure) {
        return figure == null ? "n/a" : format(figure.value());
    }

    /** Three significant digits, without exponent. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(value))));
        return String.format("%." + Math.min(digits, 4) + "f", value);
    }
}

package dev.wharf.bench;

/** One measured figure of a scenario, e.g. {@code MiB/s} 412.3; {@code higherIsBetter} tells how to read the ratio. */
record Figure(String name, double value, boolean higherIsBetter) {
    static Figure rate(String name, double value) {
        return new Figure(name, value, true);
    }

    static Figure cost(String name, double value) {
        return new Figure(name, value, false);
    }
}

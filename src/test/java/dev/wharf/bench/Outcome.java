package dev.wharf.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a measured run produced: its figures and, for a run that lasted a set time rather than a set amount of work,
 * the work it got done. The server's CPU is then reported per unit of that work, since two servers that did different
 * amounts of work in the same time cannot be compared by CPU seconds; a count-based run reports CPU seconds.
 */
record Outcome(List<Figure> figures, Optional<Work> work) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** The work a timed run did, and the CPU figure it is divided into. */
    record Work(String cpuFigure, double units, double cpuScale) {
        /** {@code requests} answered: CPU in milliseconds per thousand requests. */
        static Work requests(long requests) {
            return new Work("server CPU ms per 1k req", requests / 1000.0, 1000);
        }

        /** {@code bytes} served: CPU seconds per GiB. */
        static Work bytes(long bytes) {
            return new Work("server CPU s per GiB", bytes / GIB, 1);
        }

        Figure cpu(double cpuSeconds) {
            return Figure.cost(cpuFigure, cpuSeconds * cpuScale / units);
        }
    }

    /** The figures of a run that did a set amount of work. */
    static Outcome counted(Figure... figures) {
        return new Outcome(List.of(figures), Optional.empty());
    }

    /** The figures of a run that lasted a set time and did {@code work}. */
    static Outcome timed(Work work, Figure... figures) {
        return new Outcome(List.of(figures), Optional.of(work));
    }

    /** The server's CPU figure for the {@code cpuSeconds} it used during the run. */
    Figure cpu(double cpuSeconds) {
        return work.map(done -> done.cpu(cpuSeconds)).orElseGet(() -> Figure.cost("server CPU s", cpuSeconds));
    }
}

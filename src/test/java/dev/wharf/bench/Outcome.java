package dev.wharf.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a measured run produced: its figures and, for a run that lasted a set time rather than a set amount of work,
 * the work it got done. The server's CPU and S3 requests are then reported per unit of that work, since two servers
 * that did different amounts of work in the same time cannot be compared by totals; a count-based run reports totals.
 */
record Outcome(List<Figure> figures, Optional<Work> work) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** The work a timed run did, and the CPU figure it is divided into. */
    record Work(String cpuFigure, String unit, double units, double cpuScale) {
        /** {@code requests} answered: CPU in milliseconds per thousand requests. */
        static Work requests(long requests) {
            return new Work("server CPU ms per 1k req", "1k req", requests / 1000.0, 1000);
        }

        /** {@code bytes} served: CPU seconds per GiB. */
        static Work bytes(long bytes) {
            return new Work("server CPU s per GiB", "GiB", bytes / GIB, 1);
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

    /** The S3 figure for the {@code requests} the server made to S3 during the run. */
    Figure s3Requests(int requests) {
        return work.map(done -> Figure.cost("S3 requests per " + done.unit(), requests / done.units()))
                .orElseGet(() -> Figure.cost("S3 requests", requests));
    }

    /** The server's CPU figure for the {@code cpuSeconds} it used during the run. */
    Figure cpu(double cpuSeconds) {
        return work.map(done -> done.cpu(cpuSeconds)).orElseGet(() -> Figure.cost("server CPU s", cpuSeconds));
    }
}

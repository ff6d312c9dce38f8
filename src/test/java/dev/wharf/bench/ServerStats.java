package dev.wharf.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kernel counts for a server process (Linux {@code /proc}): CPU seconds ({@code utime + stime} of
 * {@code /proc/<pid>/stat}, threads included), the resident set ({@code VmRSS}) and its peak ({@code VmHWM}), which
 * {@link #resetPeak} sets back to the current size so that each scenario gets its own peak.
 */
final class ServerStats {
    /** {@code USER_HZ}: clock ticks per second of {@code /proc/<pid>/stat}, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ServerStats() {
    }

    /** User plus system CPU time the process has used so far, in seconds. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * CPU seconds by thread name, from {@code /proc/<pid>/task/<tid>/stat}; the threads of a pool (a name ending in
     * a number, {@code executor-thread-12}) counted together as one name ending in {@code N}. A thread that ends
     * while this reads is left out.
     */
    static Map<String, Double> cpuSecondsByThread(long pid) {
        Map<String, Double> cpu = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "N");
                cpu.merge(name, cpuSeconds(stat), Double::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tasks + " (the benchmark needs Linux /proc)", e);
        }
        return cpu;
    }

    /** {@code utime + stime} of one {@code stat} line, in seconds. */
    private static double cpuSeconds(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /** The resident set size now, in MiB. */
    static double rssMib(long pid) {
        return statusKib(pid, "VmRSS:") / 1024.0;
    }

    /** The peak resident set size since the start or the last {@link #resetPeak}, in MiB. */
    static double peakRssMib(long pid) {
        return statusKib(pid, "VmHWM:") / 1024.0;
    }

    /**
     * Resets the peak to the current resident set ({@code echo 5 > /proc/<pid>/clear_refs}, Linux 4.0+); false when
     * the kernel refuses, in which case {@link #peakRssMib} stays the peak since the start.
     */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long statusKib(long pid, String key) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the benchmark needs Linux /proc)", e);
        }
    }
}

package dev.wharf.bench;

import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.ExternalTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code HEAD} load from ApacheBench ({@code ab -k -i}, apache2-utils, which the tests install for {@code htpasswd}
 * already): {@link Wrk} 4.1 waits for a body after a {@code HEAD} answer with a non-zero {@code Content-Length}, so
 * it cannot run them. Like wrk, ab is one event loop in C over keep-alive connections (HTTP/1.0 requests with
 * {@code Connection: Keep-Alive}). The report comes from ab's summary, the percentiles from its {@code -e} CSV
 * (microsecond precision, where the summary rounds to milliseconds). A run with non-2xx answers, failed requests or
 * write errors fails, and so does one where fewer requests were answered on a kept-alive connection than completed:
 * ab counts a connection closed before any answer to a {@code HEAD} as a complete request.
 */
final class Ab {
    /** ab sizes its table of timings by {@code -n}, which ends the run early when reached: a cap per second. */
    private static final int MAX_PER_SECOND = 100_000;
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Pattern PERCENTILE = Pattern.compile("(?m)^(\\d+),([0-9.]+)$");

    private Ab() {
    }

    /** {@code HEAD url} from {@code concurrency} connections for {@code seconds}, with {@code headers}. */
    static LoadReport head(String url, Map<String, String> headers, int concurrency, int seconds) throws IOException {
        Path ab = ExternalTools.find("ab")
                .orElseThrow(() -> new IllegalStateException("ab is not on PATH (apt-get install -y apache2-utils)"));
        Path csv = Files.createTempFile(Files.createDirectories(Path.of("target", "bench")), "ab-", ".csv");
        try {
            List<String> command = new ArrayList<>(List.of(ab.toString(), "-k", "-i", "-c",
                    Integer.toString(concurrency), "-t", Integer.toString(seconds), "-n",
                    Long.toString((long) seconds * MAX_PER_SECOND), "-e", csv.toString()));
            headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
            command.add(url);
            ChildProcess.Finished finished = ChildProcess.runToEnd("ab", command,
                    Duration.ofSeconds(seconds).plus(GRACE));
            String stdout = new String(finished.stdout(), StandardCharsets.UTF_8);
            if (finished.status() != 0) {
                throw new IllegalStateException("ab exited with " + finished.status() + ":\n" + finished.output());
            }
            LoadReport report = parse(stdout, Files.readString(csv, StandardCharsets.UTF_8));
            report.failure().ifPresent(failure -> {
                throw new IllegalStateException("ab HEAD " + url + ": " + failure + "\n" + stdout);
            });
            return report;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** The report in ab's summary ({@code stdout}) and percentile file ({@code csv}); fails if a figure is missing. */
    static LoadReport parse(String stdout, String csv) {
        long complete = number(stdout, "Complete requests", true);
        long failed = number(stdout, "Failed requests", true);
        long writeErrors = number(stdout, "Write errors", false);
        long closed = complete - number(stdout, "Keep-Alive requests", true);
        Matcher kinds = Pattern.compile("\\((Connect: \\d+, Receive: \\d+, Length: \\d+, Exceptions: \\d+)\\)")
                .matcher(stdout);
        String detail = (kinds.find() ? kinds.group(1) : "failed " + failed) + ", write errors " + writeErrors
                + ", closed without keep-alive " + closed;
        Matcher seconds = Pattern.compile("(?m)^Time taken for tests:\\s+([0-9.]+) seconds").matcher(stdout);
        if (!seconds.find()) {
            throw new IllegalStateException("no \"Time taken for tests\" in ab's output:\n" + stdout);
        }
        return new LoadReport(complete, number(stdout, "Total transferred", true),
                Math.round(Double.parseDouble(seconds.group(1)) * 1e6), number(stdout, "Non-2xx responses", false),
                failed + writeErrors + closed, detail, percentileMicros(csv, 50), percentileMicros(csv, 99));
    }

    /** The number after {@code label:}; 0 for an optional line ab leaves out when it would be 0. */
    private static long number(String stdout, String label, boolean required) {
        Matcher matcher = Pattern.compile("(?m)^" + label + ":\\s+(\\d+)").matcher(stdout);
        if (matcher.find()) {
            return Long.parseLong(matcher.group(1));
        }
        if (required) {
            throw new IllegalStateException("no \"" + label + "\" in ab's output:\n" + stdout);
        }
        return 0;
    }

    private static long percentileMicros(String csv, int percent) {
        Matcher matcher = PERCENTILE.matcher(csv);
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(1)) == percent) {
                return Math.round(Double.parseDouble(matcher.group(2)) * 1000);
            }
        }
        throw new IllegalStateException("no " + percent + "% line in ab's percentile file:\n" + csv);
    }
}

package dev.wharf.bench;

import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.ExternalTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Load from {@code wrk} (Debian package {@code wrk}): one thread, {@code connections} keep-alive connections, for a
 * number of seconds. wrk is an event loop in C that needs a small fraction of a Java client's CPU per request, so the
 * server, not the client, limits the rate. A generated Lua script sets the method and headers (not on the command
 * line, where the credentials would show), rotates through the paths when there are several, and prints the exact
 * counters from its {@code done()} (a {@code wrk-summary} line, {@link #parse}) rather than wrk's rounded human
 * summary. A run with error statuses (wrk counts 400 and above: "Non-2xx or 3xx responses"), socket errors or no
 * completed request fails.
 * <p>
 * wrk 4.1 cannot measure a {@code HEAD} whose answer has a non-zero {@code Content-Length}: its parser waits for that
 * many body bytes, so such a run completes no request. {@link Ab} runs the {@code HEAD}s.
 */
final class Wrk {
    static final String PREFIX = "wrk-summary ";
    private static final List<String> KEYS = List.of("requests", "bytes", "duration_us", "connect", "read", "write",
            "timeout", "status", "p50_us", "p99_us");
    /** wrk's limit per request; its default, 2 s, would count a slow 64 MiB pull as a timeout. */
    private static final String REQUEST_TIMEOUT = "30s";
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final String DONE = """
            done = function(summary, latency, requests)
              local e = summary.errors
              local fields = {{"requests", summary.requests}, {"bytes", summary.bytes},
                {"duration_us", summary.duration}, {"connect", e.connect}, {"read", e.read}, {"write", e.write},
                {"timeout", e.timeout}, {"status", e.status}, {"p50_us", latency:percentile(50)},
                {"p99_us", latency:percentile(99)}}
              local line = "PREFIX"
              for _, field in ipairs(fields) do
                line = line .. string.format(" %s=%.0f", field[1], field[2])
              end
              io.write(line .. "\\n")
            end
            """.replace("PREFIX", Wrk.PREFIX.strip());

    /** What wrk sends: {@code method} on each of {@code paths} in turn, with {@code headers}. */
    record Request(String method, List<String> paths, Map<String, String> headers) {
    }

    private Wrk() {
    }

    /** Runs {@code request} against {@code base} for {@code seconds}; fails unless every answer was a success. */
    static LoadReport run(String base, Request request, int connections, int seconds) throws IOException {
        Path wrk = ExternalTools.find("wrk")
                .orElseThrow(() -> new IllegalStateException("wrk is not on PATH (apt-get install -y wrk)"));
        Path script = Files.createTempFile(Files.createDirectories(Path.of("target", "bench")), "wrk-", ".lua");
        try {
            Files.writeString(script, lua(request), StandardCharsets.UTF_8);
            List<String> command = List.of(wrk.toString(), "-t1", "-c" + connections, "-d" + seconds + "s",
                    "--timeout", REQUEST_TIMEOUT, "--latency", "-s", script.toString(),
                    base + request.paths().get(0));
            ChildProcess.Finished finished = ChildProcess.runToEnd("wrk", command,
                    Duration.ofSeconds(seconds).plus(GRACE));
            String stdout = new String(finished.stdout(), StandardCharsets.UTF_8);
            if (finished.status() != 0) {
                throw new IllegalStateException("wrk exited with " + finished.status() + ":\n" + finished.output());
            }
            LoadReport report = parse(stdout);
            report.failure().ifPresent(failure -> {
                throw new IllegalStateException("wrk " + request.method() + " " + request.paths().get(0) + ": "
                        + failure + "\n" + stdout);
            });
            return report;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The report in wrk's {@code output}, from the {@code wrk-summary} line; fails if it is missing or incomplete. */
    static LoadReport parse(String output) {
        String line = output.lines().filter(candidate -> candidate.startsWith(PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no " + PREFIX.strip() + " line"));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
            String[] keyValue = pair.split("=", 2);
            try {
                values.put(keyValue[0], Long.parseLong(keyValue[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException("cannot read " + pair + " in " + line);
            }
        }
        if (!values.keySet().containsAll(KEYS)) {
            throw new IllegalStateException("wrk's summary lacks one of " + KEYS + ": " + line);
        }
        long connect = values.get("connect");
        long read = values.get("read");
        long write = values.get("write");
        long timeout = values.get("timeout");
        return new LoadReport(values.get("requests"), values.get("bytes"), values.get("duration_us"),
                values.get("status"), connect + read + write + timeout,
                "connect " + connect + ", read " + read + ", write " + write + ", timeout " + timeout,
                values.get("p50_us"), values.get("p99_us"));
    }

    /** The Lua script for {@code request}. */
    static String lua(Request request) {
        StringBuilder lua = new StringBuilder("wrk.method = " + quote(request.method()) + "\n");
        request.headers().forEach((name, value) -> lua.append("wrk.headers[").append(quote(name)).append("] = ")
                .append(quote(value)).append("\n"));
        if (request.paths().size() > 1) {
            lua.append("local paths = {").append(String.join(", ", request.paths().stream().map(Wrk::quote)
                    .toList())).append("}\n");
            lua.append("""
                    local turn = 0
                    request = function()
                      turn = turn % #paths + 1
                      return wrk.format(nil, paths[turn])
                    end
                    """);
        }
        return lua.append(DONE).toString();
    }

    private static String quote(String text) {
        if (text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("no line breaks in a wrk header or path: " + text);
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

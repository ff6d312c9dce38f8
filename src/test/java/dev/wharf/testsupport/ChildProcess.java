package dev.wharf.testsupport;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A program started by a test. Its stdout and stderr go to two files under {@code target/e2e-logs/}
 * ({@code <name>-<pid>-<n>.out} and {@code .err}) whose tails are quoted in failure messages. {@link #close()} ends it and every process it started; a JVM shutdown hook closes
 * whatever a test left running, so nothing outlives the test run.
 * <p>
 * Children never see {@code AWS_CA_BUNDLE} or any {@code REGISTRY_*} variable: a {@code docker-registry} child is
 * configured by its config file only, whatever the environment of the build.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Path LOG_DIRECTORY = Path.of("target", "e2e-logs");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(ChildProcess::close),
                "e2e-child-process-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command}; {@code name} labels its log file and failure messages. */
    public static ChildProcess start(String name, List<String> command) {
        return start(name, command, Map.of());
    }

    /**
     * Starts {@code command} with {@code variables} added to its environment (after the cleaning described above:
     * a Wharf child gets exactly the {@code REGISTRY_*} variables given here).
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> variables) {
        try {
            Files.createDirectories(LOG_DIRECTORY);
            String base = name + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
            Path stdout = LOG_DIRECTORY.resolve(base + ".out");
            Path stderr = LOG_DIRECTORY.resolve(base + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Map<String, String> environment = builder.environment();
            environment.remove("AWS_CA_BUNDLE");
            environment.keySet().removeIf(variable -> variable.startsWith("REGISTRY_"));
            environment.putAll(variables);
            ChildProcess child = new ChildProcess(name, builder.start(), stdout, stderr);
            RUNNING.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Runs {@code command} to its end and returns its stdout; fails with its output when it exits with a status other
     * than 0 or runs longer than {@code timeout}.
     */
    public static byte[] run(String name, List<String> command, Duration timeout) {
        Finished finished = runToEnd(name, command, timeout);
        if (finished.status() != 0) {
            Assertions.fail(name + " exited with " + finished.status() + ": " + String.join(" ", command) + "\n"
                    + finished.output());
        }
        return finished.stdout();
    }

    /** How a command ended: its exit status, its stdout, and its stdout and stderr as text. */
    public record Finished(int status, byte[] stdout, String output) {
    }

    /** Runs {@code command} to its end, whatever its exit status; fails when it runs longer than {@code timeout}. */
    public static Finished runToEnd(String name, List<String> command, Duration timeout) {
        try (ChildProcess child = start(name, command)) {
            int status = child.waitFor(timeout);
            return new Finished(status, Files.readAllBytes(child.stdout), child.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written to stdout and stderr so far. */
    public String output() {
        try {
            return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the end and returns the exit status; fails (after ending it) when it takes longer than timeout. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                Assertions.fail(name + " did not finish within " + timeout + ":\n" + tail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code ready} holds, checking every 20 ms (the benchmark measures startup times with it); fails with
     * the log's tail when the process exits first or time runs out.
     */
    public void awaitReady(String condition, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                close();
                Assertions.fail(name + " exited with " + process.exitValue() + " before " + condition
                        + ":\n" + tail(40));
            }
            if (System.nanoTime() > deadline) {
                close();
                Assertions.fail(name + ": no " + condition + " within " + timeout + ":\n" + tail(40));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until {@code GET uri} answers {@code status}. */
    public void awaitHttp(URI uri, int status, Duration timeout) {
        awaitReady("HTTP " + status + " from GET " + uri, timeout, () -> httpStatus(uri) == status);
    }

    /**
     * Waits until {@code GET uri} answers {@code status} as a registry does: with
     * {@code Docker-Distribution-API-Version: registry/2.0}. Another server on the port (a test's listener that took it
     * first) does not count.
     */
    public void awaitRegistry(URI uri, int status, Duration timeout) {
        awaitRegistry(HTTP, uri, status, timeout);
    }

    /** {@link #awaitRegistry(URI, int, Duration)} through {@code client} (e.g. one that trusts a test CA). */
    public void awaitRegistry(HttpClient client, URI uri, int status, Duration timeout) {
        awaitReady("HTTP " + status + " from a registry at GET " + uri, timeout,
                () -> answersAsRegistry(client, uri, status));
    }

    private static boolean answersAsRegistry(HttpClient client, URI uri, int status) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == status && response.headers()
                    .firstValue("Docker-Distribution-API-Version").filter("registry/2.0"::equals).isPresent();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The status of {@code GET uri}, or -1 when nothing answers. */
    public static int httpStatus(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The processes this one started, and theirs, still running. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** The operating system's id of the process. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last {@code lines} lines of stdout and of stderr, with the files' names. */
    public String tail(int lines) {
        return tail(stdout, lines) + "\n" + tail(stderr, lines);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
            return "--- " + file.toAbsolutePath() + " ends with:\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "--- cannot read " + file + ": " + e;
        }
    }

    /**
     * Ends the process at once with {@code SIGKILL} ({@link Process#destroyForcibly()}; no shutdown hook runs, as
     * when the machine's OOM killer strikes) and waits until it is gone. Its descendants are left alone: kill the
     * program itself, not a wrapper script.
     */
    public void kill() {
        RUNNING.remove(this);
        try {
            if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                Assertions.fail(name + " survived SIGKILL for ten seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The program the process runs, as the operating system reports it (e.g. {@code /usr/lib/jvm/.../bin/java}). */
    public java.util.Optional<String> command() {
        return process.info().command();
    }

    /** Ends the process and all its descendants: politely first, forcibly after five seconds. */
    @Override
    public void close() {
        RUNNING.remove(this);
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

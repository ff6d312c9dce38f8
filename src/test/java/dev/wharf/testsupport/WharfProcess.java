package dev.wharf.testsupport;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wharf from the packaged jar ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) as a child
 * process with the JVM options users run it with ({@code @deploy/jvm.options}) and {@code -Xmx128m} on a free loopback
 * port, configured by {@code REGISTRY_*} variables only, as replicas are deployed. {@link #launch} returns at once
 * so that several start in parallel; {@link #awaitStarted} waits until {@code GET /v2/} answers. With
 * {@code REGISTRY_HTTP_TLS_CERTIFICATE} the base URL is {@code https://}, and {@link #awaitStarted(HttpClient)} takes a
 * client that trusts the test CA.
 * <p>
 * The configuration is pinned: unless the test names its own file ({@code REGISTRY_CONFIGURATION_PATH} or
 * {@code serve <path>}), the child reads {@link #EMPTY_CONFIG} ({@code version: 0.1} and nothing else), never the
 * machine's {@code /etc/docker/registry/config.yml} (Debian's docker-registry package installs one, with its own
 * root directory, port and htpasswd file).
 */
public final class WharfProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The config.yml every child reads unless the test gives its own: no settings. */
    public static final Path EMPTY_CONFIG = Path.of("target", "wharf-process", "config.yml");
    /** The JVM's options (a Java argument file) that README's run command and the image use too. */
    public static final Path JVM_OPTIONS = Path.of("deploy", "jvm.options");
    private static final String CONFIGURATION_PATH = "REGISTRY_CONFIGURATION_PATH";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final String base;

    private WharfProcess(ChildProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the jar with {@code variables} (and {@code REGISTRY_HTTP_ADDR}) in its environment; the base URL is
     * {@code https://} when they hold {@code REGISTRY_HTTP_TLS_CERTIFICATE}.
     */
    public static WharfProcess launch(String name, Map<String, String> variables) {
        return launch(name, javaCommand(), variables);
    }

    /**
     * Starts Wharf with another {@code command} (e.g. the entrypoint of an image, run from its extracted files), like
     * {@link #launch(String, Map)}.
     */
    public static WharfProcess launch(String name, List<String> command, Map<String, String> variables) {
        int port = FreePort.find();
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("REGISTRY_HTTP_ADDR", "127.0.0.1:" + port);
        String scheme = variables.containsKey("REGISTRY_HTTP_TLS_CERTIFICATE") ? "https" : "http";
        return start(name, URI.create(scheme + "://127.0.0.1:" + port), environment, command);
    }

    /**
     * Starts {@code java -jar quarkus-run.jar <arguments>} (e.g. {@code serve <config.yml>}) with exactly
     * {@code variables} among {@code REGISTRY_*} (and {@link #EMPTY_CONFIG} unless they name a file), expecting it
     * at {@code base} ({@code http(s)://127.0.0.1:<port>}), which its configuration must give.
     */
    public static WharfProcess launch(String name, URI base, Map<String, String> variables, List<String> arguments) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(arguments);
        return start(name, base, variables, command);
    }

    /**
     * {@code java @deploy/jvm.options -Xmx128m -jar target/quarkus-app/quarkus-run.jar}: README's command, with the
     * heap limit issue 7 requires a 1 GiB push and pull to work in.
     */
    public static List<String> javaCommand() {
        Assertions.assertTrue(Files.isRegularFile(JAR), "package first: " + JAR);
        return commandLine();
    }

    /** {@link #javaCommand()} whether or not the jar is packaged yet (unit tests check the command itself). */
    public static List<String> commandLine() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "@" + JVM_OPTIONS, "-Xmx128m", "-jar", JAR.toString());
    }

    private static WharfProcess start(String name, URI base, Map<String, String> variables, List<String> command) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.putIfAbsent(CONFIGURATION_PATH, emptyConfig().toAbsolutePath().toString());
        ChildProcess process = ChildProcess.start(name, command, environment);
        return new WharfProcess(process, base.toString());
    }

    private static synchronized Path emptyConfig() {
        try {
            Files.createDirectories(EMPTY_CONFIG.getParent());
            Files.writeString(EMPTY_CONFIG, "version: 0.1\n");
            return EMPTY_CONFIG;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code GET /v2/} answers 200; fails with the log's tail when it does not within a minute. */
    public WharfProcess awaitStarted() {
        return awaitStarted(200);
    }

    /**
     * Waits until {@code GET /v2/} answers {@code status} (401 with authentication on) with the registry's
     * {@code Docker-Distribution-API-Version} header, so that another server on the port does not pass for Wharf.
     */
    public WharfProcess awaitStarted(int status) {
        process.awaitRegistry(URI.create(base + "/v2/"), status, STARTUP);
        return this;
    }

    /**
     * Waits until {@code GET /v2/} through {@code client} (e.g. one that trusts the test CA) answers 200; fails with
     * the log's tail when it does not within a minute.
     */
    public WharfProcess awaitStarted(HttpClient client) {
        return awaitStarted(client, 200);
    }

    /** Waits until {@code GET /v2/} through {@code client} answers {@code status} (401 with authentication on). */
    public WharfProcess awaitStarted(HttpClient client, int status) {
        process.awaitRegistry(client, URI.create(base + "/v2/"), status, STARTUP);
        return this;
    }

    /** Waits until the process ends by itself (e.g. refusing its configuration) and returns its exit status. */
    public int awaitExit() {
        return awaitExit(STARTUP);
    }

    /** Waits for the process to end (e.g. on a configuration error) and returns its exit status. */
    public int awaitExit(Duration timeout) {
        return process.waitFor(timeout);
    }

    /** Everything it wrote to stdout and stderr so far. */
    public String output() {
        return process.output();
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://} with TLS. */
    public String base() {
        return base;
    }

    public int port() {
        return URI.create(base).getPort();
    }

    /** {@code location} (an absolute or relative URL, e.g. an upload {@code Location} of any replica) on this one. */
    public String url(String location) {
        URI uri = URI.create(location);
        return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Sends {@code SIGTERM} to the JVM (as Kubernetes does to stop a pod), without waiting for it to end. */
    public void terminate() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's id of the JVM. */
    public long pid() {
        return process.pid();
    }

    /** The peak resident set size so far ({@code VmHWM} in {@code /proc/<pid>/status}), in KiB; -1 off Linux. */
    public long peakRssKib() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException e) {
            if (Files.isDirectory(Path.of("/proc", "self"))) {
                throw new UncheckedIOException(e);
            }
            return -1;
        }
    }

    /**
     * Kills the JVM itself (the child is {@code java}, not a wrapper) with {@code SIGKILL}, mid-request if any is
     * running, and waits until it is gone.
     */
    public void kill() {
        String command = process.command().orElse("");
        Assertions.assertTrue(Path.of(command).getFileName().toString().startsWith("java"),
                "the child to kill is the JVM, not " + command);
        process.kill();
    }

    /** The last lines of its stdout and stderr, for failure messages. */
    public String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}

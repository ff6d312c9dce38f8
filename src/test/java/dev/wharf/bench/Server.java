package dev.wharf.bench;

import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.WharfProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry under test, started on a {@link BenchStorage}: Wharf from the packaged jar
 * ({@code @deploy/jvm.options -Xmx128m}, as {@link WharfProcess} runs it) or Debian's {@code docker-registry},
 * optionally with htpasswd authentication on the same bcrypt file. The startup time runs from starting the process
 * until {@code GET /v2/} answers (polled every 20 ms by both).
 */
final class Server implements AutoCloseable {
    static final String REALM = "bench";

    /** The two programs compared, and the {@link Floor} of the large-blob scenarios. */
    enum Program {
        WHARF("Wharf"), REFERENCE("docker-registry"), FLOOR("floor");

        /** The two registries, each running every scenario. */
        static final List<Program> COMPARED = List.of(WHARF, REFERENCE);

        final String label;

        Program(String label) {
            this.label = label;
        }
    }

    private final String base;
    private final long pid;
    private final double startupSeconds;
    private final AutoCloseable process;

    private Server(String base, long pid, double startupSeconds, AutoCloseable process) {
        this.base = base;
        this.pid = pid;
        this.startupSeconds = startupSeconds;
        this.process = process;
    }

    /** Starts {@code program} on {@code storage}, with Basic authentication against {@code htpasswd} if given. */
    static Server start(Program program, BenchStorage storage, Optional<Path> htpasswd) {
        long begin = System.nanoTime();
        if (program == Program.WHARF) {
            Map<String, String> variables = new HashMap<>(storage.wharfVariables());
            htpasswd.ifPresent(file -> variables.putAll(Map.of("REGISTRY_AUTH", "htpasswd",
                    "REGISTRY_AUTH_HTPASSWD_REALM", REALM,
                    "REGISTRY_AUTH_HTPASSWD_PATH", file.toAbsolutePath().toString())));
            WharfProcess wharf = WharfProcess.launch("wharf-bench", variables)
                    .awaitStarted(htpasswd.isPresent() ? 401 : 200);
            return new Server(wharf.base(), wharf.pid(), seconds(begin), wharf);
        }
        String auth = htpasswd.map(file -> """
                auth:
                  htpasswd:
                    realm: %s
                    path: "%s"
                """.formatted(REALM, file.toAbsolutePath())).orElse("");
        ReferenceRegistry reference = ReferenceRegistry.start(storage.referenceStorage(), auth);
        return new Server("http://" + reference.hostAndPort(), reference.pid(), seconds(begin), reference);
    }

    /** The {@link Floor} built at {@code binary}, keeping its files next to {@code storage}. */
    static Server floor(Path binary, BenchStorage storage) throws IOException {
        long begin = System.nanoTime();
        Floor.Running floor = Floor.start(binary, storage.file("floor"));
        return new Server(floor.base(), floor.process().pid(), seconds(begin), floor.process());
    }

    private static double seconds(long begin) {
        return (System.nanoTime() - begin) / 1e9;
    }

    String base() {
        return base;
    }

    long pid() {
        return pid;
    }

    double startupSeconds() {
        return startupSeconds;
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}

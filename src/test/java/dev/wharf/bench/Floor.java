package dev.wharf.bench;

import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.FreePort;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The machine's floor for the large-blob push and pull: {@code floor.c} (next to this class, a test resource), a
 * minimal C server that does only what a registry must do with a blob's bytes (receive, SHA-256 with OpenSSL, write,
 * {@code fsync}, rename; {@code sendfile} to pull), measured by the same client as both registries. What it reaches
 * is what the 2 cores allow this client and kernel; a registry's figures are read against it. Built with {@code cc}
 * when the benchmark runs; without a C compiler or OpenSSL's headers ({@code libssl-dev}) the floor is left out.
 */
final class Floor {
    private static final Path BINARY = Path.of("target", "bench", "floor");

    private Floor() {
    }

    /** The floor's binary, compiled once per run; empty (and why printed) when it cannot be built here. */
    static synchronized Optional<Path> binary() {
        if (Files.isExecutable(BINARY)) {
            return Optional.of(BINARY);
        }
        try (InputStream source = Floor.class.getResourceAsStream("floor.c")) {
            Path file = Files.createDirectories(BINARY.getParent()).resolve("floor.c");
            Files.write(file, source.readAllBytes());
            ChildProcess.Finished built = ChildProcess.runToEnd("cc-floor", List.of("cc", "-O2", "-o",
                    BINARY.toString(), file.toString(), "-lcrypto", "-lpthread"), Duration.ofMinutes(1));
            if (built.status() == 0) {
                return Optional.of(BINARY);
            }
            System.out.println("   the floor is left out: cc failed: " + built.output());
        } catch (IOException | RuntimeException e) {
            System.out.println("   the floor is left out: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The floor running on {@code base}. */
    record Running(String base, ChildProcess process) {
    }

    /** Starts the floor on a free port, keeping its files in {@code directory}; ready when {@code GET /v2/} answers. */
    static Running start(Path binary, Path directory) throws IOException {
        Files.createDirectories(directory);
        int port = FreePort.find();
        ChildProcess floor = ChildProcess.start("floor", List.of(binary.toAbsolutePath().toString(),
                Integer.toString(port), directory.toAbsolutePath().toString()));
        String base = "http://127.0.0.1:" + port;
        floor.awaitHttp(URI.create(base + "/v2/"), 200, Duration.ofSeconds(10));
        return new Running(base, floor);
    }
}

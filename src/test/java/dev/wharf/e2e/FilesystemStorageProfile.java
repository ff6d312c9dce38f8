package dev.wharf.e2e;

import dev.wharf.testsupport.ReferenceRegistry;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Wharf on filesystem storage with deletes enabled, as registry:2 is run in production. Every test class with this
 * profile shares one Wharf start and one root directory, {@link #root()}, which tests also hand to a
 * {@code docker-registry} child. The root is derived from the JVM's pid (not kept in a static created once), so the
 * profile and the tests see the same directory whichever class loader loaded them; it is deleted when the JVM exits.
 */
public class FilesystemStorageProfile implements QuarkusTestProfile {

    /** {@code target/e2e-registry-<pid>}, created on first use. */
    public static Path root() {
        Path root = Path.of("target", "e2e-registry-" + ProcessHandle.current().pid()).toAbsolutePath();
        if (!Files.isDirectory(root)) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "e2e-registry-root-cleanup"));
        }
        return root;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "registry.storage", "filesystem",
                "registry.storage.filesystem.rootdirectory", root().toString(),
                "registry.storage.delete.enabled", "true",
                // the docker-registry child's http.secret (ReferenceRegistry.config): uploads move between the two
                "registry.http.secret", ReferenceRegistry.SECRET);
    }

    /**
     * Deletes a directory tree, ignoring what is already gone. It runs in a shutdown hook, when Quarkus' class loader
     * may be closed: only JDK classes and a lambda, no nested class to load.
     */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // leftovers stay under target/ and go with the next clean
        }
    }
}

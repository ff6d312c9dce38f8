package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The registry on the filesystem driver (in a fresh root under {@code target/}), so the API suites also cover the zero-copy
 * file path of blob GETs and the filesystem writer's append and rollback.
 */
public class FilesystemProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            String root = Files.createTempDirectory(target, "api-fs-").toAbsolutePath().toString();
            return Map.of("registry.storage", "filesystem", "registry.storage.filesystem.rootdirectory", root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The filesystem driver with its root directory ({@code root/}) in a fresh parent directory under {@code target/}
 * that also holds a {@code canary/} directory of files and a file of its own: requests that try to leave the root
 * would touch them. The test finds the parent as the root directory's parent.
 */
public class CanaryRootProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path parent = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bad-input-")
                    .toAbsolutePath();
            Path canary = Files.createDirectories(parent.resolve("canary"));
            Files.writeString(canary.resolve("x"), "canary x\n");
            Files.writeString(Files.createDirectories(canary.resolve("docker/registry/v2")).resolve("data"), "nested\n");
            Files.writeString(parent.resolve("x"), "parent x\n");
            Path root = Files.createDirectories(parent.resolve("root"));
            return Map.of("registry.storage", "filesystem",
                    "registry.storage.filesystem.rootdirectory", root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.wharf.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** {@link ReplicaGuarantees} on one filesystem root shared by the replicas. */
class StatelessUploadsIT extends ReplicaGuarantees {
    private Path root;

    @Override
    Map<String, String> startStorage() throws IOException {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stateless-it-").toAbsolutePath();
        return Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toString());
    }

    @Override
    void stopStorage() throws IOException {
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path file(String path) {
        return root.resolve(path.substring(1));
    }

    @Override
    long countFiles(String path) throws IOException {
        try (Stream<Path> files = Files.list(file(path))) {
            return files.count();
        }
    }

    @Override
    long size(String path) throws IOException {
        return Files.size(file(path));
    }

    @Override
    void delete(String path) throws IOException {
        Files.delete(file(path));
    }
}

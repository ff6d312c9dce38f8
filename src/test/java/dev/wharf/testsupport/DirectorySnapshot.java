package dev.wharf.testsupport;

import dev.wharf.model.RepositoryName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What a directory tree holds on disk, to prove a run touched nothing it should not have, and the registry layout. */
public final class DirectorySnapshot {
    private static final String V2 = "docker/registry/v2";
    private static final Pattern BLOB = Pattern.compile(
            "blobs/(sha256/[0-9a-f]{2}/[0-9a-f]{64}|sha512/[0-9a-f]{2}/[0-9a-f]{128})/data");
    private static final Pattern UNDER_REPOSITORY = Pattern.compile(
            "_layers/sha(256|512)/[0-9a-f]+/link"
                    + "|_manifests/revisions/sha(256|512)/[0-9a-f]+/link"
                    + "|_manifests/tags/[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}/(current/link|index/sha(256|512)/[0-9a-f]+/link)"
                    + "|_uploads/[0-9a-f-]{36}/(data|startedat|hashstates/sha256/\\d+)");

    private DirectorySnapshot() {
    }

    /**
     * Every path under {@code dir} except those under {@code excluded}, relative, mapped to the file's content hash
     * (or {@code dir} for a directory, {@code link → target} for a symbolic link).
     */
    public static Map<String, String> of(Path dir, Path excluded) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(p -> !p.startsWith(excluded) || p.equals(excluded)).toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link → " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir");
                } else {
                    out.put(key, TestBlobs.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /**
     * Waits (up to {@code timeout}) until no writer's temporary file ({@code .tmp-*}) is left under {@code root}: a
     * request the client gave up on (a body cut short, a connection closed) is rolled back by the registry just after
     * the client saw the connection close, so the last one may still be finishing when a test ends.
     */
    public static void awaitNoTemporaryFiles(Path root, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> paths = Files.walk(root)) {
                if (paths.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }

    /**
     * Asserts that every file under the root lies in distribution's layout: blobs under {@code blobs/<alg>/<xx>/<hex>},
     * and repository files under {@code repositories/<valid name>/_layers|_manifests|_uploads/…}.
     */
    public static void assertRegistryLayout(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        assertTrue(!files.isEmpty(), "the run stored something");
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            assertTrue(!Files.isSymbolicLink(file), "no symbolic links: " + relative);
            if (!relative.startsWith(V2 + "/")) {
                fail("outside " + V2 + ": " + relative);
            }
            String inside = relative.substring(V2.length() + 1);
            if (inside.startsWith("blobs/")) {
                assertTrue(BLOB.matcher(inside).matches(), "blob path: " + relative);
            } else if (inside.startsWith("repositories/")) {
                String rest = inside.substring("repositories/".length());
                int marker = rest.indexOf("/_");
                assertTrue(marker > 0, "repository file: " + relative);
                String name = rest.substring(0, marker);
                assertTrue(RepositoryName.isValid(name), "repository name: " + name);
                assertTrue(UNDER_REPOSITORY.matcher(rest.substring(marker + 1)).matches(), "repository file: " + relative);
            } else {
                fail("neither a blob nor a repository file: " + relative);
            }
        }
    }
}

package dev.wharf.storage.filesystem;

import dev.wharf.storage.FileWriter;
import dev.wharf.storage.InvalidPathException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StorageDriverContractTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage contract on the filesystem, with a root that does not exist yet, plus what only the filesystem
 * promises: distribution's layout, local files, no escape from the root, temporary files cleaned up.
 */
class FilesystemStorageDriverTest extends StorageDriverContractTest {
    private Path root;

    @Override
    protected StorageDriver newDriver(Path tempDir) {
        root = tempDir.resolve("root");
        return new FilesystemStorageDriver(root);
    }

    @Test
    void pathsMapToFilesBelowTheRootAsInDistribution() throws IOException {
        driver.putContent("/docker/registry/v2/blobs/sha256/ab/abcd/data", bytes("blob"));
        assertEquals("blob", Files.readString(root.resolve("docker/registry/v2/blobs/sha256/ab/abcd/data")));
    }

    @Test
    void nothingEscapesTheRoot() {
        FilesystemStorageDriver filesystem = (FilesystemStorageDriver) driver;
        for (String path : List.of("/../escape", "/a/../../escape", "/..", "/a/../..")) {
            assertThrows(InvalidPathException.class, () -> driver.putContent(path, bytes("x")));
            assertThrows(InvalidPathException.class, () -> filesystem.resolve(path));
        }
        assertFalse(Files.exists(tempDir.resolve("escape")));
        assertEquals(root.resolve("a/b"), filesystem.resolve("/a/b"));
        assertEquals(root, filesystem.resolve("/"));
    }

    @Test
    void localFileIsTheObjectsFile() throws IOException {
        driver.putContent("/dir/object", bytes("bytes"));
        Optional<Path> file = driver.localFile("/dir/object");
        assertTrue(file.isPresent());
        assertEquals("bytes", Files.readString(file.get()));
        assertEquals(Optional.empty(), driver.localFile("/dir"), "a directory is not an object");
        assertEquals(Optional.empty(), driver.localFile("/missing"));
    }

    @Test
    void temporaryFilesAreNeverLeftBehind() throws IOException {
        driver.putContent("/dir/object", bytes("x"));
        try (FileWriter writer = driver.writer("/dir/object", false)) {
            write(writer, "replacement");
            assertTrue(filesIn(root.resolve("dir")).size() > 1, "the uncommitted bytes sit in a temporary file");
        }
        try (FileWriter writer = driver.writer("/dir/new", false)) {
            write(writer, "committed");
            writer.commit();
        }
        assertEquals(List.of("new", "object"), filesIn(root.resolve("dir")));
    }

    @Test
    void leftoverTemporaryFilesOfACrashAreNotListed() throws IOException {
        driver.putContent("/dir/object", bytes("x"));
        Files.writeString(root.resolve("dir/.tmp-0f1e2d3c"), "torn");
        assertEquals(List.of("object"), driver.list("/dir"));
    }

    @Test
    void emptiedDirectoriesRemainAsInDistribution() throws IOException {
        driver.putContent("/repo/_manifests/tags/latest/current/link", bytes("sha256:x"));
        driver.delete("/repo/_manifests/tags/latest");
        assertEquals(List.of(), driver.list("/repo/_manifests/tags"));
    }

    @Test
    void moveMayMoveADirectory() throws IOException {
        driver.putContent("/from/a", bytes("a"));
        driver.putContent("/from/sub/b", bytes("b"));
        driver.move("/from", "/to/here");
        assertEquals("b", text("/to/here/sub/b"));
        assertEquals(List.of("to"), driver.list("/"));
    }

    @Test
    void linksAreFollowedForReadingButNeverDeletedThrough() throws IOException {
        Path elsewhere = Files.createDirectories(tempDir.resolve("other-disk"));
        Files.writeString(elsewhere.resolve("data"), "kept");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("linked"), elsewhere);
        assertTrue(driver.stat("/linked").directory());
        assertEquals(List.of("data"), driver.list("/linked"));
        assertEquals("kept", text("/linked/data"));
        driver.delete("/linked");
        assertEquals("kept", Files.readString(elsewhere.resolve("data")), "the link's target is untouched");
        assertFalse(Files.exists(root.resolve("linked"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aRootThatIsALinkWorksAndSurvivesDeletingEverything() throws IOException {
        Path real = Files.createDirectories(tempDir.resolve("real-root"));
        Path linkedRoot = Files.createSymbolicLink(tempDir.resolve("linked-root"), real);
        StorageDriver linked = new FilesystemStorageDriver(linkedRoot);
        linked.putContent("/a/b", bytes("x"));
        assertTrue(linked.stat("/").directory());
        linked.delete("/");
        assertTrue(Files.isSymbolicLink(linkedRoot));
        assertEquals(List.of(), filesIn(real));
        linked.putContent("/again", bytes("y"));
        assertEquals("y", Files.readString(real.resolve("again")));
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}

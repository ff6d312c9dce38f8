package dev.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which paths a driver refuses ({@link InvalidPathException} before anything is touched; the root is never an object)
 * and what {@code stat} and {@code list} say exists: sizes, directories, sorted children, nothing uncommitted, and
 * {@link PathNotFoundException} for the rest.
 */
interface NamespaceContract extends StorageContract {
    // ---- paths

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/..", "/a/./b", "/a/../b",
            "/../escape", "/a/../../escape", "/a\\b", "\\a", "/a b", " /a", "/a ", "/a\nb", "/a:b", "/a*", "/ä"})
    default void invalidPathsAreRefusedBeforeAnythingIsTouched(String path) throws IOException {
        driver().putContent("/existing", bytes("x"));
        assertInvalid(() -> driver().getContent(path));
        assertInvalid(() -> driver().putContent(path, bytes("data")));
        assertInvalid(() -> driver().reader(path, 0));
        assertInvalid(() -> driver().writer(path, false).close());
        assertInvalid(() -> driver().writer(path, true).close());
        assertInvalid(() -> driver().stat(path));
        assertInvalid(() -> driver().list(path));
        assertInvalid(() -> driver().move("/existing", path));
        assertInvalid(() -> driver().move(path, "/moved"));
        assertInvalid(() -> driver().delete(path));
        assertEquals(List.of("existing"), driver().list("/"), "nothing was created or removed");
        assertEquals("x", text("/existing"));
    }

    @Test
    default void theRootIsNeverAnObject() throws IOException {
        driver().putContent("/a", bytes("a"));
        assertInvalid(() -> driver().putContent("/", bytes("x")));
        assertInvalid(() -> driver().writer("/", false).close());
        assertInvalid(() -> driver().writer("/", true).close());
        assertInvalid(() -> driver().move("/a", "/"));
        assertInvalid(() -> driver().move("/", "/b"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/"));
        assertThrows(PathNotFoundException.class, () -> driver().reader("/", 0));
        assertEquals("a", text("/a"));
    }

    // ---- stat

    @Test
    default void statOfAnObject() throws IOException {
        driver().putContent("/dir/object", bytes("12345"));
        FileInfo info = driver().stat("/dir/object");
        assertEquals("/dir/object", info.path());
        assertEquals(5, info.size());
        assertFalse(info.directory());
        assertNotNull(info.modified());
        assertEquals(info.modified(), driver().stat("/dir/object").modified(), "the modification time is stable");
    }

    @Test
    default void statOfADirectory() throws IOException {
        driver().putContent("/dir/sub/object", bytes("12345"));
        FileInfo info = driver().stat("/dir");
        assertTrue(info.directory());
        assertEquals(0, info.size());
        assertTrue(driver().stat("/dir/sub").directory());
        assertTrue(driver().stat("/").directory());
    }

    @Test
    default void statOfAMissingPathIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver().stat("/missing"));
        driver().putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/di"), "a prefix of a name is not a directory");
        assertThrows(PathNotFoundException.class, () -> driver().stat("/dir/object/below"));
    }

    // ---- list

    @Test
    default void listIsSortedByStringOrder() throws IOException {
        driver().putContent("/d/B", bytes("x"));
        driver().putContent("/d/a/inner", bytes("x"));
        driver().putContent("/d/a/other", bytes("x"));
        driver().putContent("/d/a-b", bytes("x"));
        driver().putContent("/d/a.b", bytes("x"));
        driver().putContent("/d/a_b", bytes("x"));
        driver().putContent("/d/_layers/sha256/x", bytes("x"));
        driver().putContent("/d/0", bytes("x"));
        assertEquals(List.of("0", "B", "_layers", "a", "a-b", "a.b", "a_b"), driver().list("/d"));
    }

    @Test
    default void listShowsEachChildDirectoryOnce() throws IOException {
        driver().putContent("/n/x/1", bytes("x"));
        driver().putContent("/n/x/2", bytes("x"));
        driver().putContent("/n/x/deeper/3", bytes("x"));
        driver().putContent("/n/y", bytes("x"));
        driver().putContent("/other", bytes("x"));
        assertEquals(List.of("x", "y"), driver().list("/n"));
        assertEquals(List.of("1", "2", "deeper"), driver().list("/n/x"));
        assertEquals(List.of("n", "other"), driver().list("/"));
    }

    @Test
    default void listOfAMissingDirectoryOrAnObjectIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver().list("/missing"));
        driver().putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver().list("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver().list("/di"));
        assertThrows(PathNotFoundException.class, () -> driver().list("/dir/missing"));
    }

    @Test
    default void listNeverShowsUncommittedWrites() throws IOException {
        driver().putContent("/t/keep", bytes("x"));
        try (FileWriter fresh = driver().writer("/t/new", false);
             FileWriter replacing = driver().writer("/t/keep", false);
             FileWriter appending = driver().writer("/t/appended", true)) {
            write(fresh, "garbage");
            write(replacing, "garbage");
            assertEquals(List.of("keep"), nonEmptyNames(driver().list("/t"), "appended"));
            fresh.cancel();
            replacing.cancel();
            appending.cancel();
        }
        assertEquals(List.of("keep"), driver().list("/t"));
    }

    /** The listing without {@code optional}: an appending writer's object may be visible before commit. */
    private static List<String> nonEmptyNames(List<String> names, String optional) {
        List<String> out = new ArrayList<>(names);
        out.remove(optional);
        return out;
    }

    private static void assertInvalid(Executable call) {
        assertThrows(InvalidPathException.class, call);
    }
}

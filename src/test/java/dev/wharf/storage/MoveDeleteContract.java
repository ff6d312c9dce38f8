package dev.wharf.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code move}, {@code moveThenDelete}, {@code deleteListed} and {@code delete}: the target replaced whole, parents
 * created, a directory removed with everything below it and nothing beside it, the root emptied, and
 * {@link PathNotFoundException} for a missing source or path with nothing touched.
 */
interface MoveDeleteContract extends StorageContract {
    // ---- move

    @Test
    default void moveReplacesTheTargetAndRemovesTheSource() throws IOException {
        driver().putContent("/src", bytes("source"));
        driver().putContent("/dst", bytes("old target"));
        driver().move("/src", "/dst");
        assertEquals("source", text("/dst"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/src"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/src"));
    }

    @Test
    default void moveCreatesParentDirectories() throws IOException {
        driver().putContent("/uploads/u1/data", bytes("blob"));
        driver().move("/uploads/u1/data", "/blobs/sha256/ab/abcd/data");
        assertEquals("blob", text("/blobs/sha256/ab/abcd/data"));
        assertEquals(List.of("data"), driver().list("/blobs/sha256/ab/abcd"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/uploads/u1/data"));
    }

    @Test
    default void moveOfAMissingSourceIsPathNotFoundAndTouchesNothing() throws IOException {
        driver().putContent("/dst", bytes("target"));
        assertThrows(PathNotFoundException.class, () -> driver().move("/missing", "/dst"));
        assertThrows(PathNotFoundException.class, () -> driver().move("/missing", "/new/dst"));
        assertEquals("target", text("/dst"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/new/dst"));
    }

    @Test
    default void moveOntoItselfKeepsTheObject() throws IOException {
        driver().putContent("/object", bytes("x"));
        driver().move("/object", "/object");
        assertEquals("x", text("/object"));
    }

    // ---- delete

    @Test
    default void moveThenDeleteMovesTheObjectAndRemovesItsDirectoryAndNothingElse() throws IOException {
        driver().putContent("/uploads/u/data", bytes("blob"));
        driver().putContent("/uploads/u/startedat", bytes("now"));
        driver().putContent("/uploads/u/hashstates/sha256/4", bytes("state"));
        driver().putContent("/uploads/uv/data", bytes("sibling"));
        driver().moveThenDelete("/uploads/u/data", "/blobs/ab/data", "/uploads/u");
        assertEquals("blob", text("/blobs/ab/data"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/u"));
        assertEquals(List.of("uv"), driver().list("/uploads"));
        assertEquals("sibling", text("/uploads/uv/data"));
    }

    @Test
    default void deleteListedRemovesTheDirectoryAndNothingElse() throws IOException {
        driver().putContent("/uploads/u/startedat", bytes("now"));
        driver().putContent("/uploads/uv/startedat", bytes("sibling"));
        driver().putContent("/uploads/u.txt", bytes("neighbour"));
        driver().deleteListed("/uploads/u", driver().list("/uploads/u"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/u"));
        assertEquals(List.of("u.txt", "uv"), driver().list("/uploads"));
        assertEquals("sibling", text("/uploads/uv/startedat"));
    }

    @Test
    default void deleteListedOfADirectoryGoneMeanwhileIsNoError() throws IOException {
        driver().putContent("/uploads/u/startedat", bytes("now"));
        List<String> names = driver().list("/uploads/u");
        driver().delete("/uploads/u");
        driver().deleteListed("/uploads/u", names);
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/u"));
    }

    @Test
    default void moveThenDeleteOfAMissingSourceIsPathNotFoundAndTouchesNothing() throws IOException {
        driver().putContent("/uploads/u/startedat", bytes("now"));
        assertThrows(PathNotFoundException.class,
                () -> driver().moveThenDelete("/uploads/u/data", "/blobs/ab/data", "/uploads/u"));
        assertEquals("now", text("/uploads/u/startedat"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/blobs/ab/data"));
    }

    @Test
    default void deleteAnObject() throws IOException {
        driver().putContent("/dir/object", bytes("x"));
        driver().putContent("/dir/object2", bytes("y"));
        driver().delete("/dir/object");
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/dir/object"));
        assertEquals("y", text("/dir/object2"));
        assertEquals(List.of("object2"), driver().list("/dir"));
    }

    @Test
    default void deleteADirectoryRecursivelyAndNothingElse() throws IOException {
        driver().putContent("/a/b/1", bytes("x"));
        driver().putContent("/a/b/c/2", bytes("x"));
        driver().putContent("/a/b/c/d/3", bytes("x"));
        driver().putContent("/a/bc/4", bytes("sibling"));
        driver().putContent("/a/b.x", bytes("sibling"));
        driver().putContent("/a/b-x/5", bytes("sibling"));
        driver().putContent("/a/a", bytes("sibling"));
        driver().delete("/a/b");
        assertThrows(PathNotFoundException.class, () -> driver().stat("/a/b"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/a/b/c/2"));
        assertThrows(PathNotFoundException.class, () -> driver().list("/a/b"));
        assertEquals("sibling", text("/a/bc/4"));
        assertEquals("sibling", text("/a/b.x"));
        assertEquals("sibling", text("/a/b-x/5"));
        assertEquals("sibling", text("/a/a"));
        assertEquals(List.of("a", "b-x", "b.x", "bc"), driver().list("/a"));
    }

    @Test
    default void deleteOfAMissingPathIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver().delete("/missing"));
        driver().putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver().delete("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver().delete("/di"));
        assertThrows(PathNotFoundException.class, () -> driver().delete("/dir/object/below"));
        assertEquals("x", text("/dir/object"));
    }

    @Test
    default void deleteTheRootEmptiesTheStorage() throws IOException {
        driver().putContent("/a/b", bytes("x"));
        driver().putContent("/c", bytes("x"));
        driver().delete("/");
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/a/b"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/c"));
        assertEquals(List.of(), listOrEmpty("/"));
        driver().putContent("/again", bytes("y"));
        assertEquals("y", text("/again"));
    }

    /** A listing where an empty or missing directory both give an empty list (the filesystem keeps directories). */
    private List<String> listOrEmpty(String path) throws IOException {
        try {
            return driver().list(path);
        } catch (PathNotFoundException e) {
            return List.of();
        }
    }
}

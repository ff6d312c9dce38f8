package dev.wharf.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole objects and readers: {@code getContent}, {@code putContent} and {@code putScratch} create and replace whole
 * objects, and {@code reader} streams one from an offset ({@link InvalidOffsetException} outside it,
 * {@link PathNotFoundException} for a missing object or a directory).
 */
interface ContentContract extends StorageContract {
    // ---- getContent / putContent

    @Test
    default void getContentOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/missing"));
        driver().putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/object/below"));
    }

    @Test
    default void putContentCreatesAndReplaces() throws IOException {
        driver().putContent("/object", bytes("first, longer content"));
        assertEquals("first, longer content", text("/object"));
        driver().putContent("/object", bytes("second"));
        assertEquals("second", text("/object"), "replaced whole, not overwritten in place");
        driver().putContent("/object", new byte[0]);
        assertArrayEquals(new byte[0], driver().getContent("/object"));
    }

    @Test
    default void putContentCreatesParentDirectories() throws IOException {
        driver().putContent("/a/b/c/d", bytes("deep"));
        assertEquals("deep", text("/a/b/c/d"));
        assertTrue(driver().stat("/a").directory());
        assertTrue(driver().stat("/a/b/c").directory());
        assertEquals(List.of("d"), driver().list("/a/b/c"));
    }

    @Test
    default void putContentKeepsNoReferenceToTheCallersArray() throws IOException {
        byte[] content = bytes("abc");
        driver().putContent("/object", content);
        content[0] = 'X';
        assertEquals("abc", text("/object"));
    }

    @Test
    default void putScratchCreatesAndReplacesLikePutContent() throws IOException {
        driver().putScratch("/session/startedat", bytes("first, longer content"));
        assertEquals("first, longer content", text("/session/startedat"));
        driver().putScratch("/session/startedat", bytes("second"));
        assertEquals("second", text("/session/startedat"), "replaced whole, not overwritten in place");
        assertEquals(List.of("startedat"), driver().list("/session"), "no temporary file left beside it");
    }

    // ---- reader

    @Test
    default void readerStartsAtTheOffset() throws IOException {
        driver().putContent("/object", bytes("0123456789"));
        assertEquals("0123456789", read("/object", 0));
        assertEquals("456789", read("/object", 4));
        assertEquals("9", read("/object", 9));
        assertEquals("", read("/object", 10), "an offset equal to the size gives an empty stream");
    }

    @Test
    default void readerRefusesOffsetsOutsideTheObject() throws IOException {
        driver().putContent("/object", bytes("0123456789"));
        assertThrows(InvalidOffsetException.class, () -> driver().reader("/object", 11));
        assertThrows(InvalidOffsetException.class, () -> driver().reader("/object", -1));
        assertThrows(InvalidOffsetException.class, () -> driver().reader("/object", Long.MAX_VALUE));
        driver().putContent("/empty", new byte[0]);
        assertEquals("", read("/empty", 0));
        assertThrows(InvalidOffsetException.class, () -> driver().reader("/empty", 1));
    }

    @Test
    default void readerOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver().reader("/missing", 0));
        driver().putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver().reader("/dir", 0));
    }

    @Test
    default void readerSeesTheContentItOpened() throws IOException {
        driver().putContent("/object", bytes("old content"));
        try (InputStream in = driver().reader("/object", 0)) {
            driver().putContent("/object", bytes("NEW CONTENT!"));
            assertEquals("old content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

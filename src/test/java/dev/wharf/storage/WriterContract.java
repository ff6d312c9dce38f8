package dev.wharf.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link FileWriter}s, replacing and appending: nothing is visible until {@code commit}, {@code cancel} or a close
 * without commit leaves the path as it was (an append goes back to the size at open), a committed or cancelled writer
 * takes no more bytes, and a write consumes the whole buffer, heap or direct.
 */
interface WriterContract extends StorageContract {
    // ---- writer, replacing

    @Test
    default void newObjectIsInvisibleUntilCommit() throws IOException {
        try (FileWriter writer = driver().writer("/dir/object", false)) {
            assertEquals(0, writer.size());
            write(writer, "hello ");
            write(writer, "world");
            assertEquals(11, writer.size());
            assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/object"));
            assertThrows(PathNotFoundException.class, () -> driver().stat("/dir/object"));
            writer.commit();
            assertEquals(11, writer.size(), "size() after commit");
        }
        assertEquals("hello world", text("/dir/object"));
        assertEquals(11, driver().stat("/dir/object").size());
    }

    @Test
    default void cancelledNewObjectLeavesNothing() throws IOException {
        driver().putContent("/dir/sibling", bytes("s"));
        FileWriter writer = driver().writer("/dir/object", false);
        write(writer, "discarded");
        writer.cancel();
        writer.cancel(); // a second cancel does nothing
        writer.close();
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/dir/object"));
        assertEquals(List.of("sibling"), driver().list("/dir"));
    }

    @Test
    default void closingWithoutCommitCancels() throws IOException {
        driver().putContent("/dir/sibling", bytes("s"));
        try (FileWriter writer = driver().writer("/dir/object", false)) {
            write(writer, "discarded");
        }
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/dir/object"));
        assertEquals(List.of("sibling"), driver().list("/dir"));
    }

    @Test
    default void replacingWriterKeepsTheOldContentUntilCommit() throws IOException {
        driver().putContent("/object", bytes("old content"));

        try (FileWriter writer = driver().writer("/object", false)) {
            assertEquals(0, writer.size(), "a replacing writer starts empty");
            write(writer, "new");
            assertEquals("old content", text("/object"));
            writer.cancel();
        }
        assertEquals("old content", text("/object"), "cancel leaves the path as it was");

        try (FileWriter writer = driver().writer("/object", false)) {
            write(writer, "new");
        }
        assertEquals("old content", text("/object"), "close without commit leaves the path as it was");

        try (FileWriter writer = driver().writer("/object", false)) {
            write(writer, "new");
            assertEquals("old content", text("/object"));
            writer.commit();
        }
        assertEquals("new", text("/object"), "commit replaces the whole object");
    }

    @Test
    default void emptyCommitCreatesAnEmptyObject() throws IOException {
        try (FileWriter writer = driver().writer("/empty", false)) {
            writer.commit();
        }
        assertEquals(0, driver().stat("/empty").size());
        assertArrayEquals(new byte[0], driver().getContent("/empty"));
    }

    // ---- writer, appending

    @Test
    default void appendContinuesTheExistingObject() throws IOException {
        driver().putContent("/object", bytes("abc"));
        try (FileWriter writer = driver().writer("/object", true)) {
            assertEquals(3, writer.size());
            write(writer, "def");
            assertEquals(6, writer.size());
            writer.commit();
        }
        assertEquals("abcdef", text("/object"));
        try (FileWriter writer = driver().writer("/object", true)) {
            assertEquals(6, writer.size());
            write(writer, "gh");
            writer.commit();
        }
        assertEquals("abcdefgh", text("/object"));
        assertEquals(8, driver().stat("/object").size());
        assertEquals("efgh", read("/object", 4));
    }

    @Test
    default void appendToAMissingObjectStartsEmpty() throws IOException {
        try (FileWriter writer = driver().writer("/uploads/data", true)) {
            assertEquals(0, writer.size());
            write(writer, "xyz");
            assertEquals(3, writer.size());
            writer.commit();
        }
        assertEquals("xyz", text("/uploads/data"));
    }

    @Test
    default void appendCancelRestoresTheSizeAtOpen() throws IOException {
        driver().putContent("/object", bytes("abc"));
        try (FileWriter writer = driver().writer("/object", true)) {
            write(writer, "def");
            writer.cancel();
            assertEquals(3, writer.size());
        }
        assertEquals("abc", text("/object"));
        assertEquals(3, driver().stat("/object").size());

        try (FileWriter writer = driver().writer("/object", true)) {
            write(writer, "never committed");
        }
        assertEquals("abc", text("/object"), "close without commit cancels");
    }

    @Test
    default void appendCancelOnAMissingObjectLeavesNoObject() throws IOException {
        try (FileWriter writer = driver().writer("/uploads/data", true)) {
            write(writer, "xyz");
            writer.cancel();
        }
        assertThrows(PathNotFoundException.class, () -> driver().getContent("/uploads/data"));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/data"));
    }

    @Test
    default void appendAfterAnAppendCancelContinuesAtTheRestoredSize() throws IOException {
        driver().putContent("/object", bytes("abc"));
        try (FileWriter writer = driver().writer("/object", true)) {
            write(writer, "XXXXXXXX");
        }
        try (FileWriter writer = driver().writer("/object", true)) {
            assertEquals(3, writer.size());
            write(writer, "d");
            writer.commit();
        }
        assertEquals("abcd", text("/object"));
    }

    // ---- writer, closed state

    @Test
    default void writesAfterCommitOrCancelFail() throws IOException {
        for (boolean append : new boolean[] {false, true}) {
            FileWriter committed = driver().writer("/committed-" + append, append);
            write(committed, "abc");
            committed.commit();
            assertFalse(committed.isOpen());
            assertThrows(ClosedChannelException.class, () -> write(committed, "more"));
            assertEquals(3, committed.size());
            committed.close();
            assertEquals("abc", text("/committed-" + append), "close after commit keeps the object");

            FileWriter cancelled = driver().writer("/cancelled-" + append, append);
            write(cancelled, "abc");
            cancelled.cancel();
            assertFalse(cancelled.isOpen());
            assertThrows(ClosedChannelException.class, () -> write(cancelled, "more"));
            cancelled.size(); // must not throw
            cancelled.close();
        }
    }

    @Test
    default void writeConsumesTheWholeBuffer() throws IOException {
        byte[] content = randomBytes(3 * MiB + 17, 1);
        for (ByteBuffer buffer : List.of(ByteBuffer.wrap(content), direct(content))) {
            try (FileWriter writer = driver().writer("/object", false)) {
                assertEquals(content.length, writer.write(buffer));
                assertEquals(0, buffer.remaining());
                assertEquals(content.length, writer.size());
                writer.commit();
            }
            assertArrayEquals(content, driver().getContent("/object"));
        }
    }

    private static ByteBuffer direct(byte[] content) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(content.length);
        buffer.put(content).flip();
        return buffer;
    }
}

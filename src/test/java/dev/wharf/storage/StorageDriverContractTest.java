package dev.wharf.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link StorageDriver} contract, run against every backend by a few-line subclass. It asserts exactly what the
 * SPI's Javadoc promises and nothing a backend without real directories (in-memory, S3) could not keep: in
 * particular, whether an emptied directory still exists is left open, because the filesystem keeps it.
 */
public abstract class StorageDriverContractTest {
    private static final int MiB = 1024 * 1024;

    @TempDir
    protected Path tempDir;

    protected StorageDriver driver;

    /** A new, empty driver; {@code tempDir} is a fresh directory the backend may use. */
    protected abstract StorageDriver newDriver(Path tempDir) throws Exception;

    @BeforeEach
    void createDriver() throws Exception {
        driver = newDriver(tempDir);
    }

    // ---- paths

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/..", "/a/./b", "/a/../b",
            "/../escape", "/a/../../escape", "/a\\b", "\\a", "/a b", " /a", "/a ", "/a\nb", "/a:b", "/a*", "/ä"})
    void invalidPathsAreRefusedBeforeAnythingIsTouched(String path) throws IOException {
        driver.putContent("/existing", bytes("x"));
        assertInvalid(() -> driver.getContent(path));
        assertInvalid(() -> driver.putContent(path, bytes("data")));
        assertInvalid(() -> driver.reader(path, 0));
        assertInvalid(() -> driver.writer(path, false).close());
        assertInvalid(() -> driver.writer(path, true).close());
        assertInvalid(() -> driver.stat(path));
        assertInvalid(() -> driver.list(path));
        assertInvalid(() -> driver.move("/existing", path));
        assertInvalid(() -> driver.move(path, "/moved"));
        assertInvalid(() -> driver.delete(path));
        assertEquals(List.of("existing"), driver.list("/"), "nothing was created or removed");
        assertEquals("x", text("/existing"));
    }

    @Test
    void theRootIsNeverAnObject() throws IOException {
        driver.putContent("/a", bytes("a"));
        assertInvalid(() -> driver.putContent("/", bytes("x")));
        assertInvalid(() -> driver.writer("/", false).close());
        assertInvalid(() -> driver.writer("/", true).close());
        assertInvalid(() -> driver.move("/a", "/"));
        assertInvalid(() -> driver.move("/", "/b"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/"));
        assertThrows(PathNotFoundException.class, () -> driver.reader("/", 0));
        assertEquals("a", text("/a"));
    }

    // ---- getContent / putContent

    @Test
    void getContentOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/missing"));
        driver.putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/object/below"));
    }

    @Test
    void putContentCreatesAndReplaces() throws IOException {
        driver.putContent("/object", bytes("first, longer content"));
        assertEquals("first, longer content", text("/object"));
        driver.putContent("/object", bytes("second"));
        assertEquals("second", text("/object"), "replaced whole, not overwritten in place");
        driver.putContent("/object", new byte[0]);
        assertArrayEquals(new byte[0], driver.getContent("/object"));
    }

    @Test
    void putContentCreatesParentDirectories() throws IOException {
        driver.putContent("/a/b/c/d", bytes("deep"));
        assertEquals("deep", text("/a/b/c/d"));
        assertTrue(driver.stat("/a").directory());
        assertTrue(driver.stat("/a/b/c").directory());
        assertEquals(List.of("d"), driver.list("/a/b/c"));
    }

    @Test
    void putContentKeepsNoReferenceToTheCallersArray() throws IOException {
        byte[] content = bytes("abc");
        driver.putContent("/object", content);
        content[0] = 'X';
        assertEquals("abc", text("/object"));
    }

    @Test
    void putScratchCreatesAndReplacesLikePutContent() throws IOException {
        driver.putScratch("/session/startedat", bytes("first, longer content"));
        assertEquals("first, longer content", text("/session/startedat"));
        driver.putScratch("/session/startedat", bytes("second"));
        assertEquals("second", text("/session/startedat"), "replaced whole, not overwritten in place");
        assertEquals(List.of("startedat"), driver.list("/session"), "no temporary file left beside it");
    }

    // ---- reader

    @Test
    void readerStartsAtTheOffset() throws IOException {
        driver.putContent("/object", bytes("0123456789"));
        assertEquals("0123456789", read("/object", 0));
        assertEquals("456789", read("/object", 4));
        assertEquals("9", read("/object", 9));
        assertEquals("", read("/object", 10), "an offset equal to the size gives an empty stream");
    }

    @Test
    void readerRefusesOffsetsOutsideTheObject() throws IOException {
        driver.putContent("/object", bytes("0123456789"));
        assertThrows(InvalidOffsetException.class, () -> driver.reader("/object", 11));
        assertThrows(InvalidOffsetException.class, () -> driver.reader("/object", -1));
        assertThrows(InvalidOffsetException.class, () -> driver.reader("/object", Long.MAX_VALUE));
        driver.putContent("/empty", new byte[0]);
        assertEquals("", read("/empty", 0));
        assertThrows(InvalidOffsetException.class, () -> driver.reader("/empty", 1));
    }

    @Test
    void readerOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.reader("/missing", 0));
        driver.putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver.reader("/dir", 0));
    }

    @Test
    void readerSeesTheContentItOpened() throws IOException {
        driver.putContent("/object", bytes("old content"));
        try (InputStream in = driver.reader("/object", 0)) {
            driver.putContent("/object", bytes("NEW CONTENT!"));
            assertEquals("old content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // ---- writer, replacing

    @Test
    void newObjectIsInvisibleUntilCommit() throws IOException {
        try (FileWriter writer = driver.writer("/dir/object", false)) {
            assertEquals(0, writer.size());
            write(writer, "hello ");
            write(writer, "world");
            assertEquals(11, writer.size());
            assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/object"));
            assertThrows(PathNotFoundException.class, () -> driver.stat("/dir/object"));
            writer.commit();
            assertEquals(11, writer.size(), "size() after commit");
        }
        assertEquals("hello world", text("/dir/object"));
        assertEquals(11, driver.stat("/dir/object").size());
    }

    @Test
    void cancelledNewObjectLeavesNothing() throws IOException {
        driver.putContent("/dir/sibling", bytes("s"));
        FileWriter writer = driver.writer("/dir/object", false);
        write(writer, "discarded");
        writer.cancel();
        writer.cancel(); // a second cancel does nothing
        writer.close();
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/dir/object"));
        assertEquals(List.of("sibling"), driver.list("/dir"));
    }

    @Test
    void closingWithoutCommitCancels() throws IOException {
        driver.putContent("/dir/sibling", bytes("s"));
        try (FileWriter writer = driver.writer("/dir/object", false)) {
            write(writer, "discarded");
        }
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/object"));
        assertEquals(List.of("sibling"), driver.list("/dir"));
    }

    @Test
    void replacingWriterKeepsTheOldContentUntilCommit() throws IOException {
        driver.putContent("/object", bytes("old content"));

        try (FileWriter writer = driver.writer("/object", false)) {
            assertEquals(0, writer.size(), "a replacing writer starts empty");
            write(writer, "new");
            assertEquals("old content", text("/object"));
            writer.cancel();
        }
        assertEquals("old content", text("/object"), "cancel leaves the path as it was");

        try (FileWriter writer = driver.writer("/object", false)) {
            write(writer, "new");
        }
        assertEquals("old content", text("/object"), "close without commit leaves the path as it was");

        try (FileWriter writer = driver.writer("/object", false)) {
            write(writer, "new");
            assertEquals("old content", text("/object"));
            writer.commit();
        }
        assertEquals("new", text("/object"), "commit replaces the whole object");
    }

    @Test
    void emptyCommitCreatesAnEmptyObject() throws IOException {
        try (FileWriter writer = driver.writer("/empty", false)) {
            writer.commit();
        }
        assertEquals(0, driver.stat("/empty").size());
        assertArrayEquals(new byte[0], driver.getContent("/empty"));
    }

    // ---- writer, appending

    @Test
    void appendContinuesTheExistingObject() throws IOException {
        driver.putContent("/object", bytes("abc"));
        try (FileWriter writer = driver.writer("/object", true)) {
            assertEquals(3, writer.size());
            write(writer, "def");
            assertEquals(6, writer.size());
            writer.commit();
        }
        assertEquals("abcdef", text("/object"));
        try (FileWriter writer = driver.writer("/object", true)) {
            assertEquals(6, writer.size());
            write(writer, "gh");
            writer.commit();
        }
        assertEquals("abcdefgh", text("/object"));
        assertEquals(8, driver.stat("/object").size());
        assertEquals("efgh", read("/object", 4));
    }

    @Test
    void appendToAMissingObjectStartsEmpty() throws IOException {
        try (FileWriter writer = driver.writer("/uploads/data", true)) {
            assertEquals(0, writer.size());
            write(writer, "xyz");
            assertEquals(3, writer.size());
            writer.commit();
        }
        assertEquals("xyz", text("/uploads/data"));
    }

    @Test
    void appendCancelRestoresTheSizeAtOpen() throws IOException {
        driver.putContent("/object", bytes("abc"));
        try (FileWriter writer = driver.writer("/object", true)) {
            write(writer, "def");
            writer.cancel();
            assertEquals(3, writer.size());
        }
        assertEquals("abc", text("/object"));
        assertEquals(3, driver.stat("/object").size());

        try (FileWriter writer = driver.writer("/object", true)) {
            write(writer, "never committed");
        }
        assertEquals("abc", text("/object"), "close without commit cancels");
    }

    @Test
    void appendCancelOnAMissingObjectLeavesNoObject() throws IOException {
        try (FileWriter writer = driver.writer("/uploads/data", true)) {
            write(writer, "xyz");
            writer.cancel();
        }
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/uploads/data"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/data"));
    }

    @Test
    void appendAfterAnAppendCancelContinuesAtTheRestoredSize() throws IOException {
        driver.putContent("/object", bytes("abc"));
        try (FileWriter writer = driver.writer("/object", true)) {
            write(writer, "XXXXXXXX");
        }
        try (FileWriter writer = driver.writer("/object", true)) {
            assertEquals(3, writer.size());
            write(writer, "d");
            writer.commit();
        }
        assertEquals("abcd", text("/object"));
    }

    // ---- writer, closed state

    @Test
    void writesAfterCommitOrCancelFail() throws IOException {
        for (boolean append : new boolean[] {false, true}) {
            FileWriter committed = driver.writer("/committed-" + append, append);
            write(committed, "abc");
            committed.commit();
            assertFalse(committed.isOpen());
            assertThrows(ClosedChannelException.class, () -> write(committed, "more"));
            assertEquals(3, committed.size());
            committed.close();
            assertEquals("abc", text("/committed-" + append), "close after commit keeps the object");

            FileWriter cancelled = driver.writer("/cancelled-" + append, append);
            write(cancelled, "abc");
            cancelled.cancel();
            assertFalse(cancelled.isOpen());
            assertThrows(ClosedChannelException.class, () -> write(cancelled, "more"));
            cancelled.size(); // must not throw
            cancelled.close();
        }
    }

    @Test
    void writeConsumesTheWholeBuffer() throws IOException {
        byte[] content = randomBytes(3 * MiB + 17, 1);
        for (ByteBuffer buffer : List.of(ByteBuffer.wrap(content), direct(content))) {
            try (FileWriter writer = driver.writer("/object", false)) {
                assertEquals(content.length, writer.write(buffer));
                assertEquals(0, buffer.remaining());
                assertEquals(content.length, writer.size());
                writer.commit();
            }
            assertArrayEquals(content, driver.getContent("/object"));
        }
    }

    // ---- stat

    @Test
    void statOfAnObject() throws IOException {
        driver.putContent("/dir/object", bytes("12345"));
        FileInfo info = driver.stat("/dir/object");
        assertEquals("/dir/object", info.path());
        assertEquals(5, info.size());
        assertFalse(info.directory());
        assertNotNull(info.modified());
        assertEquals(info.modified(), driver.stat("/dir/object").modified(), "the modification time is stable");
    }

    @Test
    void statOfADirectory() throws IOException {
        driver.putContent("/dir/sub/object", bytes("12345"));
        FileInfo info = driver.stat("/dir");
        assertTrue(info.directory());
        assertEquals(0, info.size());
        assertTrue(driver.stat("/dir/sub").directory());
        assertTrue(driver.stat("/").directory());
    }

    @Test
    void statOfAMissingPathIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.stat("/missing"));
        driver.putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/di"), "a prefix of a name is not a directory");
        assertThrows(PathNotFoundException.class, () -> driver.stat("/dir/object/below"));
    }

    // ---- list

    @Test
    void listIsSortedByStringOrder() throws IOException {
        driver.putContent("/d/B", bytes("x"));
        driver.putContent("/d/a/inner", bytes("x"));
        driver.putContent("/d/a/other", bytes("x"));
        driver.putContent("/d/a-b", bytes("x"));
        driver.putContent("/d/a.b", bytes("x"));
        driver.putContent("/d/a_b", bytes("x"));
        driver.putContent("/d/_layers/sha256/x", bytes("x"));
        driver.putContent("/d/0", bytes("x"));
        assertEquals(List.of("0", "B", "_layers", "a", "a-b", "a.b", "a_b"), driver.list("/d"));
    }

    @Test
    void listShowsEachChildDirectoryOnce() throws IOException {
        driver.putContent("/n/x/1", bytes("x"));
        driver.putContent("/n/x/2", bytes("x"));
        driver.putContent("/n/x/deeper/3", bytes("x"));
        driver.putContent("/n/y", bytes("x"));
        driver.putContent("/other", bytes("x"));
        assertEquals(List.of("x", "y"), driver.list("/n"));
        assertEquals(List.of("1", "2", "deeper"), driver.list("/n/x"));
        assertEquals(List.of("n", "other"), driver.list("/"));
    }

    @Test
    void listOfAMissingDirectoryOrAnObjectIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.list("/missing"));
        driver.putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/di"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/dir/missing"));
    }

    @Test
    void listNeverShowsUncommittedWrites() throws IOException {
        driver.putContent("/t/keep", bytes("x"));
        try (FileWriter fresh = driver.writer("/t/new", false);
             FileWriter replacing = driver.writer("/t/keep", false);
             FileWriter appending = driver.writer("/t/appended", true)) {
            write(fresh, "garbage");
            write(replacing, "garbage");
            assertEquals(List.of("keep"), nonEmptyNames(driver.list("/t"), "appended"));
            fresh.cancel();
            replacing.cancel();
            appending.cancel();
        }
        assertEquals(List.of("keep"), driver.list("/t"));
    }

    // ---- move

    @Test
    void moveReplacesTheTargetAndRemovesTheSource() throws IOException {
        driver.putContent("/src", bytes("source"));
        driver.putContent("/dst", bytes("old target"));
        driver.move("/src", "/dst");
        assertEquals("source", text("/dst"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/src"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/src"));
    }

    @Test
    void moveCreatesParentDirectories() throws IOException {
        driver.putContent("/uploads/u1/data", bytes("blob"));
        driver.move("/uploads/u1/data", "/blobs/sha256/ab/abcd/data");
        assertEquals("blob", text("/blobs/sha256/ab/abcd/data"));
        assertEquals(List.of("data"), driver.list("/blobs/sha256/ab/abcd"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/uploads/u1/data"));
    }

    @Test
    void moveOfAMissingSourceIsPathNotFoundAndTouchesNothing() throws IOException {
        driver.putContent("/dst", bytes("target"));
        assertThrows(PathNotFoundException.class, () -> driver.move("/missing", "/dst"));
        assertThrows(PathNotFoundException.class, () -> driver.move("/missing", "/new/dst"));
        assertEquals("target", text("/dst"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/new/dst"));
    }

    @Test
    void moveOntoItselfKeepsTheObject() throws IOException {
        driver.putContent("/object", bytes("x"));
        driver.move("/object", "/object");
        assertEquals("x", text("/object"));
    }

    // ---- delete

    @Test
    void moveThenDeleteMovesTheObjectAndRemovesItsDirectoryAndNothingElse() throws IOException {
        driver.putContent("/uploads/u/data", bytes("blob"));
        driver.putContent("/uploads/u/startedat", bytes("now"));
        driver.putContent("/uploads/u/hashstates/sha256/4", bytes("state"));
        driver.putContent("/uploads/uv/data", bytes("sibling"));
        driver.moveThenDelete("/uploads/u/data", "/blobs/ab/data", "/uploads/u");
        assertEquals("blob", text("/blobs/ab/data"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/u"));
        assertEquals(List.of("uv"), driver.list("/uploads"));
        assertEquals("sibling", text("/uploads/uv/data"));
    }

    @Test
    void deleteListedRemovesTheDirectoryAndNothingElse() throws IOException {
        driver.putContent("/uploads/u/startedat", bytes("now"));
        driver.putContent("/uploads/uv/startedat", bytes("sibling"));
        driver.putContent("/uploads/u.txt", bytes("neighbour"));
        driver.deleteListed("/uploads/u", driver.list("/uploads/u"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/u"));
        assertEquals(List.of("u.txt", "uv"), driver.list("/uploads"));
        assertEquals("sibling", text("/uploads/uv/startedat"));
    }

    @Test
    void deleteListedOfADirectoryGoneMeanwhileIsNoError() throws IOException {
        driver.putContent("/uploads/u/startedat", bytes("now"));
        List<String> names = driver.list("/uploads/u");
        driver.delete("/uploads/u");
        driver.deleteListed("/uploads/u", names);
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/u"));
    }

    @Test
    void moveThenDeleteOfAMissingSourceIsPathNotFoundAndTouchesNothing() throws IOException {
        driver.putContent("/uploads/u/startedat", bytes("now"));
        assertThrows(PathNotFoundException.class,
                () -> driver.moveThenDelete("/uploads/u/data", "/blobs/ab/data", "/uploads/u"));
        assertEquals("now", text("/uploads/u/startedat"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/blobs/ab/data"));
    }

    @Test
    void deleteAnObject() throws IOException {
        driver.putContent("/dir/object", bytes("x"));
        driver.putContent("/dir/object2", bytes("y"));
        driver.delete("/dir/object");
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir/object"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/dir/object"));
        assertEquals("y", text("/dir/object2"));
        assertEquals(List.of("object2"), driver.list("/dir"));
    }

    @Test
    void deleteADirectoryRecursivelyAndNothingElse() throws IOException {
        driver.putContent("/a/b/1", bytes("x"));
        driver.putContent("/a/b/c/2", bytes("x"));
        driver.putContent("/a/b/c/d/3", bytes("x"));
        driver.putContent("/a/bc/4", bytes("sibling"));
        driver.putContent("/a/b.x", bytes("sibling"));
        driver.putContent("/a/b-x/5", bytes("sibling"));
        driver.putContent("/a/a", bytes("sibling"));
        driver.delete("/a/b");
        assertThrows(PathNotFoundException.class, () -> driver.stat("/a/b"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/a/b/c/2"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/a/b"));
        assertEquals("sibling", text("/a/bc/4"));
        assertEquals("sibling", text("/a/b.x"));
        assertEquals("sibling", text("/a/b-x/5"));
        assertEquals("sibling", text("/a/a"));
        assertEquals(List.of("a", "b-x", "b.x", "bc"), driver.list("/a"));
    }

    @Test
    void deleteOfAMissingPathIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.delete("/missing"));
        driver.putContent("/dir/object", bytes("x"));
        assertThrows(PathNotFoundException.class, () -> driver.delete("/dir/missing"));
        assertThrows(PathNotFoundException.class, () -> driver.delete("/di"));
        assertThrows(PathNotFoundException.class, () -> driver.delete("/dir/object/below"));
        assertEquals("x", text("/dir/object"));
    }

    @Test
    void deleteTheRootEmptiesTheStorage() throws IOException {
        driver.putContent("/a/b", bytes("x"));
        driver.putContent("/c", bytes("x"));
        driver.delete("/");
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/a/b"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/c"));
        assertEquals(List.of(), listOrEmpty("/"));
        driver.putContent("/again", bytes("y"));
        assertEquals("y", text("/again"));
    }

    // ---- large objects and concurrency

    @Test
    void streamsALargeObjectThroughWriterAndReader() throws Exception {
        long size = 32L * MiB + 12_345;
        byte[] buffer = new byte[64 * 1024 + 7]; // not a power of two: chunk boundaries fall anywhere
        Random random = new Random(42);
        MessageDigest written = sha256();
        try (FileWriter writer = driver.writer("/big", false)) {
            long remaining = size;
            while (remaining > 0) {
                int n = (int) Math.min(buffer.length, remaining);
                random.nextBytes(buffer);
                written.update(buffer, 0, n);
                writer.write(ByteBuffer.wrap(buffer, 0, n));
                remaining -= n;
            }
            assertEquals(size, writer.size());
            writer.commit();
        }
        assertEquals(size, driver.stat("/big").size());
        assertArrayEquals(written.digest(), sha256Of("/big", 0, buffer));

        long offset = 16L * MiB + 3;
        long count = 0;
        try (InputStream in = driver.reader("/big", offset)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                count += n;
            }
        }
        assertEquals(size - offset, count);
    }

    @Test
    void appendsALargeObjectInChunks() throws Exception {
        byte[] buffer = new byte[100_003];
        Random random = new Random(7);
        MessageDigest written = sha256();
        for (int chunk = 0; chunk < 20; chunk++) {
            try (FileWriter writer = driver.writer("/uploads/data", true)) {
                assertEquals((long) chunk * buffer.length, writer.size());
                random.nextBytes(buffer);
                written.update(buffer);
                writer.write(ByteBuffer.wrap(buffer));
                writer.commit();
            }
        }
        assertEquals(20L * buffer.length, driver.stat("/uploads/data").size());
        assertArrayEquals(written.digest(), sha256Of("/uploads/data", 0, new byte[8192]));
    }

    /**
     * The upload path on chunk-sized appends (larger than the smallest S3 part, with tails that are not): appends
     * committed one by one, one cancelled in between, then the move to the blob's place.
     */
    @Test
    void largeAppendsCommittedOneByOneSurviveACancelledOneAndMoveWhole() throws Exception {
        MessageDigest written = sha256();
        long size = 0;
        for (int i = 0; i < 6; i++) {
            byte[] chunk = randomBytes((i % 2 == 0 ? 3 : 7) * MiB + i, i);
            try (FileWriter writer = driver.writer("/uploads/u/data", true)) {
                assertEquals(size, writer.size());
                writer.write(ByteBuffer.wrap(chunk));
                writer.commit();
            }
            written.update(chunk);
            size += chunk.length;
            assertEquals(size, driver.stat("/uploads/u/data").size());
            if (i == 3) {
                try (FileWriter writer = driver.writer("/uploads/u/data", true)) {
                    writer.write(ByteBuffer.wrap(randomBytes(11 * MiB, 99)));
                    writer.cancel();
                    assertEquals(size, writer.size());
                }
                assertEquals(size, driver.stat("/uploads/u/data").size());
            }
        }
        driver.putContent("/uploads/u/startedat", bytes("now"));
        driver.moveThenDelete("/uploads/u/data", "/blobs/b/data", "/uploads/u");
        assertEquals(size, driver.stat("/blobs/b/data").size());
        assertArrayEquals(written.digest(), sha256Of("/blobs/b/data", 0, new byte[64 * 1024]));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/u"));
    }

    /** Cancelling an upload session deletes its directory: nothing of its appends comes back. */
    @Test
    void deletingADirectoryDiscardsTheAppendsBelowIt() throws Exception {
        byte[] chunk = randomBytes(7 * MiB, 5);
        try (FileWriter writer = driver.writer("/uploads/u/data", true)) {
            writer.write(ByteBuffer.wrap(chunk));
            writer.commit();
        }
        driver.delete("/uploads/u");
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/u/data"));
        try (FileWriter writer = driver.writer("/uploads/u/data", true)) {
            assertEquals(0, writer.size());
            write(writer, "again");
            writer.commit();
        }
        assertEquals("again", text("/uploads/u/data"));
    }

    @Test
    void concurrentPutContentIsAtomicForReaders() throws Exception {
        byte[] first = filled(512 * 1024, (byte) 'a');
        byte[] second = filled(384 * 1024, (byte) 'b');
        driver.putContent("/contended", first);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] value : List.of(first, second)) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        driver.putContent("/contended", value);
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                boolean streaming = r % 2 == 0;
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    do {
                        byte[] seen = streaming ? readAll("/contended") : driver.getContent("/contended");
                        assertTrue(Arrays.equals(first, seen) || Arrays.equals(second, seen),
                                "a reader saw torn content of " + seen.length + " bytes");
                        reads++;
                    } while (writing.get());
                    return reads;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(1, TimeUnit.MINUTES) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] last = driver.getContent("/contended");
        assertTrue(Arrays.equals(first, last) || Arrays.equals(second, last));
    }

    @Test
    void concurrentWritersOnDifferentPaths() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                tasks.add(() -> {
                    boolean append = id % 2 == 0;
                    try (FileWriter writer = driver.writer("/repo/_uploads/u" + id + "/data", append)) {
                        for (int i = 0; i < 200; i++) {
                            write(writer, "w" + id + ":" + i + ";");
                        }
                        writer.commit();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> names = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                expected.append("w").append(w).append(":").append(i).append(";");
            }
            assertEquals(expected.toString(), text("/repo/_uploads/u" + w + "/data"));
            names.add("u" + w);
        }
        assertEquals(names, driver.list("/repo/_uploads"));
    }

    // ---- helpers

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected String text(String path) throws IOException {
        return new String(driver.getContent(path), StandardCharsets.UTF_8);
    }

    protected String read(String path, long offset) throws IOException {
        try (InputStream in = driver.reader(path, offset)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private byte[] readAll(String path) throws IOException {
        try (InputStream in = driver.reader(path, 0)) {
            return in.readAllBytes();
        }
    }

    protected static void write(FileWriter writer, String text) throws IOException {
        writer.write(ByteBuffer.wrap(bytes(text)));
    }

    /** The listing without {@code optional}: an appending writer's object may be visible before commit. */
    private static List<String> nonEmptyNames(List<String> names, String optional) {
        List<String> out = new ArrayList<>(names);
        out.remove(optional);
        return out;
    }

    /** A listing where an empty or missing directory both give an empty list (the filesystem keeps directories). */
    private List<String> listOrEmpty(String path) throws IOException {
        try {
            return driver.list(path);
        } catch (PathNotFoundException e) {
            return List.of();
        }
    }

    private byte[] sha256Of(String path, long offset, byte[] buffer) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = driver.reader(path, offset)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    private static byte[] filled(int size, byte value) {
        byte[] out = new byte[size];
        Arrays.fill(out, value);
        return out;
    }

    private static ByteBuffer direct(byte[] content) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(content.length);
        buffer.put(content).flip();
        return buffer;
    }

    private static void assertInvalid(Executable call) {
        assertThrows(InvalidPathException.class, call);
    }
}

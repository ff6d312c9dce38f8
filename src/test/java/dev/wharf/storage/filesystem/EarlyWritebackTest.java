package dev.wharf.storage.filesystem;

import dev.wharf.storage.FileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flushes while a large file is written, and a failed flush reported at commit rather than lost. */
class EarlyWritebackTest {
    private static final int PIECE = 1024 * 1024;

    /** Two and a half flushes' worth: every flush but the commit's, and a tail for the commit. */
    private static final byte[] LARGE = randomBytes((int) (2.5 * EarlyWriteback.EVERY));

    @TempDir
    Path tempDir;

    @Test
    void aFlushStartsOnlyOnceEnoughIsWritten() throws IOException {
        try (FileChannel channel = FileChannel.open(tempDir.resolve("file"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            EarlyWriteback writeback = new EarlyWriteback(channel);
            writeback.written(EarlyWriteback.EVERY - 1);
            assertEquals(0, writeback.started(), "a file smaller than EVERY is flushed by its commit alone");
            writeback.written(1);
            assertEquals(1, writeback.started());
            writeback.finish();
        }
    }

    @Test
    void aFailedFlushFailsTheFinish() throws IOException {
        FileChannel channel = FileChannel.open(tempDir.resolve("file"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        EarlyWriteback writeback = new EarlyWriteback(channel);
        channel.close();
        writeback.written(EarlyWriteback.EVERY);
        IOException failure = assertThrows(IOException.class, writeback::finish);
        assertInstanceOf(ClosedChannelException.class, failure.getCause());
        assertThrows(IOException.class, writeback::finish, "the failure stays: a second try must not succeed");
    }

    @Test
    void aLargeFileWrittenInPiecesIsCommittedWhole() throws IOException {
        FilesystemStorageDriver driver = new FilesystemStorageDriver(tempDir.resolve("root"));
        byte[] content = LARGE;
        try (FileWriter writer = driver.writer("/dir/large", false)) {
            writeInPieces(writer, content);
            writer.commit();
        }
        assertArrayEquals(content, Files.readAllBytes(tempDir.resolve("root/dir/large")));
        try (FileWriter writer = driver.writer("/dir/large", true)) {
            writeInPieces(writer, content);
            writer.commit();
        }
        byte[] twice = Arrays.copyOf(content, 2 * content.length);
        System.arraycopy(content, 0, twice, content.length, content.length);
        assertArrayEquals(twice, Files.readAllBytes(tempDir.resolve("root/dir/large")));
    }

    @Test
    void aLargeFileCancelledWhileFlushedLeavesNothing() throws IOException {
        FilesystemStorageDriver driver = new FilesystemStorageDriver(tempDir.resolve("root"));
        byte[] content = LARGE;
        try (FileWriter writer = driver.writer("/dir/appended", true)) {
            writeInPieces(writer, content);
            writer.cancel();
        }
        assertFalse(Files.exists(tempDir.resolve("root/dir/appended")));
        driver.putContent("/dir/kept", new byte[] {1, 2, 3});
        try (FileWriter writer = driver.writer("/dir/kept", true)) {
            writeInPieces(writer, content);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(tempDir.resolve("root/dir/kept")));
        try (var files = Files.list(tempDir.resolve("root/dir"))) {
            assertTrue(files.allMatch(file -> file.getFileName().toString().equals("kept")));
        }
    }

    private static void writeInPieces(FileWriter writer, byte[] content) throws IOException {
        for (int offset = 0; offset < content.length; offset += PIECE) {
            writer.write(ByteBuffer.wrap(content, offset, Math.min(PIECE, content.length - offset)));
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

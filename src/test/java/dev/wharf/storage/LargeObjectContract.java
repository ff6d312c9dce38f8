package dev.wharf.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Objects of many MiB, as blobs and uploads are: streamed through a writer and a reader, appended chunk by chunk (with
 * chunks larger than the smallest S3 part), a cancelled append in between, the move into place, and a deleted
 * session directory taking its appends along.
 */
interface LargeObjectContract extends StorageContract {
    @Test
    default void streamsALargeObjectThroughWriterAndReader() throws Exception {
        long size = 32L * MiB + 12_345;
        byte[] buffer = new byte[64 * 1024 + 7]; // not a power of two: chunk boundaries fall anywhere
        Random random = new Random(42);
        MessageDigest written = sha256();
        try (FileWriter writer = driver().writer("/big", false)) {
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
        assertEquals(size, driver().stat("/big").size());
        assertArrayEquals(written.digest(), sha256Of("/big", 0, buffer));

        long offset = 16L * MiB + 3;
        long count = 0;
        try (InputStream in = driver().reader("/big", offset)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                count += n;
            }
        }
        assertEquals(size - offset, count);
    }

    @Test
    default void appendsALargeObjectInChunks() throws Exception {
        byte[] buffer = new byte[100_003];
        Random random = new Random(7);
        MessageDigest written = sha256();
        for (int chunk = 0; chunk < 20; chunk++) {
            try (FileWriter writer = driver().writer("/uploads/data", true)) {
                assertEquals((long) chunk * buffer.length, writer.size());
                random.nextBytes(buffer);
                written.update(buffer);
                writer.write(ByteBuffer.wrap(buffer));
                writer.commit();
            }
        }
        assertEquals(20L * buffer.length, driver().stat("/uploads/data").size());
        assertArrayEquals(written.digest(), sha256Of("/uploads/data", 0, new byte[8192]));
    }

    /**
     * The upload path on chunk-sized appends (larger than the smallest S3 part, with tails that are not): appends
     * committed one by one, one cancelled in between, then the move to the blob's place.
     */
    @Test
    default void largeAppendsCommittedOneByOneSurviveACancelledOneAndMoveWhole() throws Exception {
        MessageDigest written = sha256();
        long size = 0;
        for (int i = 0; i < 6; i++) {
            byte[] chunk = randomBytes((i % 2 == 0 ? 3 : 7) * MiB + i, i);
            try (FileWriter writer = driver().writer("/uploads/u/data", true)) {
                assertEquals(size, writer.size());
                writer.write(ByteBuffer.wrap(chunk));
                writer.commit();
            }
            written.update(chunk);
            size += chunk.length;
            assertEquals(size, driver().stat("/uploads/u/data").size());
            if (i == 3) {
                try (FileWriter writer = driver().writer("/uploads/u/data", true)) {
                    writer.write(ByteBuffer.wrap(randomBytes(11 * MiB, 99)));
                    writer.cancel();
                    assertEquals(size, writer.size());
                }
                assertEquals(size, driver().stat("/uploads/u/data").size());
            }
        }
        driver().putContent("/uploads/u/startedat", bytes("now"));
        driver().moveThenDelete("/uploads/u/data", "/blobs/b/data", "/uploads/u");
        assertEquals(size, driver().stat("/blobs/b/data").size());
        assertArrayEquals(written.digest(), sha256Of("/blobs/b/data", 0, new byte[64 * 1024]));
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/u"));
    }

    /** Cancelling an upload session deletes its directory: nothing of its appends comes back. */
    @Test
    default void deletingADirectoryDiscardsTheAppendsBelowIt() throws Exception {
        byte[] chunk = randomBytes(7 * MiB, 5);
        try (FileWriter writer = driver().writer("/uploads/u/data", true)) {
            writer.write(ByteBuffer.wrap(chunk));
            writer.commit();
        }
        driver().delete("/uploads/u");
        assertThrows(PathNotFoundException.class, () -> driver().stat("/uploads/u/data"));
        try (FileWriter writer = driver().writer("/uploads/u/data", true)) {
            assertEquals(0, writer.size());
            write(writer, "again");
            writer.commit();
        }
        assertEquals("again", text("/uploads/u/data"));
    }

    private byte[] sha256Of(String path, long offset, byte[] buffer) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = driver().reader(path, offset)) {
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
}

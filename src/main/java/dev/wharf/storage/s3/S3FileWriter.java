package dev.wharf.storage.s3;

import dev.wharf.storage.AbstractFileWriter;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The S3 driver's writer. It holds at most one chunk in memory and uploads every full chunk as a part of a
 * multipart upload as soon as it is full.
 *
 * <p>A replacing writer ({@code append == false}) commits an object smaller than a chunk as one PutObject, a larger
 * one by completing its multipart upload; cancel aborts it. Nothing is visible at the key before commit.
 *
 * <p>An appending writer keeps the multipart upload <em>open</em> across writers, as distribution does across
 * PATCH requests, so that each append costs its own bytes and never copies what came before. Its commit stores the
 * trailing bytes that do not fill a chunk as the object at the key itself, with metadata naming the upload and how
 * many of its parts (and bytes) precede them: a {@link Pending} object. That single PutObject is the commit point:
 * parts uploaded by a writer that is then cancelled (or dies) are not named by the metadata and are overwritten by
 * the next writer or left out when the upload is completed. The driver completes a pending object (its parts, then
 * its tail copied in as the last part) only when it is read or moved.
 */
final class S3FileWriter extends AbstractFileWriter {
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3StorageDriver driver;
    private final S3Multipart multipart;
    private final String key;
    /** How many parts an appending upload may cut short of a chunk (see {@link #publishPending}). */
    static final int EARLY_PARTS = 1000;
    private final int chunkSize;
    private final boolean append;
    /** Appending to an object that exists: committing nothing new leaves it untouched. */
    private final boolean existed;
    /** The size of a complete existing object continued by a server-side copy; 0 when there is none. */
    private final long copied;
    /** The parts this writer uploaded, numbered after the ones {@link Pending} at open. */
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private boolean written;
    private String uploadId;
    /** Whether this writer created the multipart upload (so that cancel aborts it). */
    private boolean ownsUpload;
    /** Parts (and their bytes) of the upload before the next one. */
    private int partCount;
    private long partBytes;

    /** A writer that starts empty, replacing ({@code append == false}) or creating the object on commit. */
    static S3FileWriter empty(S3StorageDriver driver, String key, boolean append) {
        return new S3FileWriter(driver, key, append, false, null, 0, null);
    }

    /** Continues a complete object of {@code head.length < chunkSize} bytes, read into the buffer. */
    static S3FileWriter continuing(S3StorageDriver driver, String key, byte[] head) {
        return new S3FileWriter(driver, key, true, true, head, 0, null);
    }

    /** Continues a complete object of {@code size >= 5 MiB} bytes: copied server-side once, as the first part(s). */
    static S3FileWriter copying(S3StorageDriver driver, String key, long size) {
        return new S3FileWriter(driver, key, true, true, null, size, null);
    }

    /** Continues a pending object whose tail bytes were read into the buffer. */
    static S3FileWriter resuming(S3StorageDriver driver, String key, Pending pending, byte[] tail) {
        return new S3FileWriter(driver, key, true, true, tail, 0, pending);
    }

    private S3FileWriter(S3StorageDriver driver, String key, boolean append, boolean existed, byte[] head,
                         long copied, Pending pending) {
        super((pending == null ? 0 : pending.partBytes()) + (head != null ? head.length : copied));
        this.driver = driver;
        this.multipart = driver.multipart();
        this.key = key;
        this.chunkSize = driver.chunkSize();
        this.append = append;
        this.existed = existed;
        this.copied = copied;
        this.buffer = head;
        this.filled = head == null ? 0 : head.length;
        if (pending != null) {
            this.uploadId = pending.uploadId();
            this.partCount = pending.parts();
            this.partBytes = pending.partBytes();
        }
    }

    @Override
    protected void append(ByteBuffer source) throws IOException {
        written |= source.hasRemaining();
        while (source.hasRemaining()) {
            if (filled >= chunkSize) { // more only when resuming the tail of a driver with larger chunks
                flushPart();
            }
            if (buffer == null || filled == buffer.length) {
                grow(filled + source.remaining());
            }
            int n = Math.min(source.remaining(), buffer.length - filled);
            source.get(buffer, filled, n);
            filled += n;
        }
    }

    /** Makes room for {@code wanted} bytes, up to one chunk. */
    private void grow(int wanted) {
        int capacity = Math.max(FIRST_BUFFER, buffer == null ? 0 : buffer.length);
        while (capacity < wanted && capacity < chunkSize) {
            capacity = (int) Math.min(chunkSize, 2L * capacity);
        }
        buffer = buffer == null ? new byte[capacity] : Arrays.copyOf(buffer, capacity);
    }

    /** Uploads the buffer as the next part, starting the multipart upload first when needed. */
    private void flushPart() throws IOException {
        if (uploadId == null) {
            startMultipartUpload();
        }
        parts.add(multipart.uploadPart(key, uploadId, ++partCount, buffer, filled));
        partBytes += filled;
        filled = 0;
    }

    /** Creates the multipart upload and, when continuing a large object, copies it in as the first part(s). */
    private void startMultipartUpload() throws IOException {
        uploadId = multipart.createMultipartUpload(key);
        ownsUpload = true;
        if (copied > 0) {
            // parts of at most 5 GiB, all of the same size, hence each at least 5 MiB (copied >= 5 MiB)
            long count = (copied + S3StorageDriver.MAX_COPY_SIZE - 1) / S3StorageDriver.MAX_COPY_SIZE;
            long part = (copied + count - 1) / count;
            for (long start = 0; start < copied; start += part) {
                long end = Math.min(start + part, copied) - 1;
                parts.add(multipart.copyPart(key, uploadId, ++partCount, key, start, end));
                partBytes += end - start + 1;
            }
        }
    }

    @Override
    protected void publish() throws IOException {
        if (existed && !written) {
            return; // nothing new: the object stays as it is
        }
        if (append) {
            publishPending();
        } else if (uploadId == null) {
            driver.putObject(key, buffer == null ? new byte[0] : buffer, filled, null);
        } else {
            if (filled > 0) {
                flushPart();
            }
            multipart.completeMultipartUpload(key, uploadId, parts);
            uploadId = null;
        }
        buffer = null;
    }

    /**
     * Stores the tail (less than a chunk) as the object, naming the open upload's parts that precede it. A tail of at
     * least S3's minimum part goes up as a part of its own while the upload has fewer than {@link #EARLY_PARTS}
     * parts: the next append then reads and uploads nothing twice (with 8 MiB {@code PATCH}es against 10 MiB chunks,
     * carrying the tail over moved up to twice each request's bytes). Later tails wait for a full chunk, so that an
     * upload still reaches 10,000 parts of a chunk each (S3's limit), less the early parts' shortfall.
     */
    private void publishPending() throws IOException {
        if (uploadId == null && copied > 0) {
            startMultipartUpload();
        }
        if (filled >= chunkSize || (filled >= S3StorageDriver.MIN_PART_SIZE && partCount < EARLY_PARTS)) {
            flushPart();
        }
        byte[] tail = buffer == null ? new byte[0] : buffer;
        driver.putObject(key, tail, filled, uploadId == null ? null : new Pending(uploadId, partCount, partBytes));
        uploadId = null;
    }

    @Override
    protected void discard() throws IOException {
        buffer = null;
        if (uploadId != null && ownsUpload) {
            String id = uploadId;
            uploadId = null;
            multipart.abortMultipartUpload(key, id, null);
        }
        // parts added to an upload that was pending at open are not named by the object: they are ignored
    }
}

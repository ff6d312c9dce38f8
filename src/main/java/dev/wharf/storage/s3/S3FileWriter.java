package dev.wharf.storage.s3;

import dev.wharf.storage.AbstractFileWriter;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The S3 driver's writer. It holds at most one chunk in memory: an object committed before a chunk is full is one
 * PutObject; a larger one becomes a multipart upload with a part per chunk, completed on commit and aborted on
 * cancel. Nothing is visible at the key before commit, and the object there stays as it was until then.
 *
 * <p>Appending continues the existing object without reading it back through Wharf when it is large: below 5 MiB
 * (the smallest part S3 accepts) it was read into the buffer by the driver; from 5 MiB, part 1 of the new multipart
 * upload is an {@code UploadPartCopy} of the existing object, and the new bytes follow as further parts.
 */
final class S3FileWriter extends AbstractFileWriter {
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3StorageDriver driver;
    private final String key;
    private final int chunkSize;
    /** Appending to an object that exists: committing nothing new leaves it untouched. */
    private final boolean existed;
    /** The size of the existing object continued by a server-side copy; 0 when there is none. */
    private final long copied;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private boolean written;
    private String uploadId;

    /**
     * @param head   the existing object's bytes when continuing a small one in memory, else null
     * @param copied the existing object's size when continuing it server-side, else 0
     */
    S3FileWriter(S3StorageDriver driver, String key, boolean existed, byte[] head, long copied) {
        super(head != null ? head.length : copied);
        this.driver = driver;
        this.key = key;
        this.chunkSize = driver.chunkSize();
        this.existed = existed;
        this.copied = copied;
        this.buffer = head;
        this.filled = head == null ? 0 : head.length;
    }

    @Override
    protected void append(ByteBuffer source) throws IOException {
        written |= source.hasRemaining();
        while (source.hasRemaining()) {
            if (filled == chunkSize) {
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

    /** Uploads the full buffer as the next part, starting the multipart upload first when needed. */
    private void flushPart() throws IOException {
        if (uploadId == null) {
            startMultipartUpload();
        }
        parts.add(driver.uploadPart(key, uploadId, parts.size() + 1, buffer, filled));
        filled = 0;
    }

    /** Creates the multipart upload and, when continuing a large object, copies it in as the first part(s). */
    private void startMultipartUpload() throws IOException {
        uploadId = driver.createMultipartUpload(key);
        if (copied > 0) {
            // parts of at most 5 GiB, all of the same size, hence each at least 5 MiB (copied >= 5 MiB)
            long count = (copied + S3StorageDriver.MAX_COPY_SIZE - 1) / S3StorageDriver.MAX_COPY_SIZE;
            long part = (copied + count - 1) / count;
            for (long start = 0; start < copied; start += part) {
                long end = Math.min(start + part, copied) - 1;
                parts.add(driver.copyPart(key, uploadId, parts.size() + 1, key, start, end));
            }
        }
    }

    @Override
    protected void publish() throws IOException {
        if (existed && !written) {
            return; // nothing new: the object stays as it is
        }
        if (uploadId == null && copied == 0) {
            driver.putObject(key, buffer == null ? new byte[0] : buffer, filled);
        } else {
            if (uploadId == null) {
                startMultipartUpload();
            }
            if (filled > 0) {
                parts.add(driver.uploadPart(key, uploadId, parts.size() + 1, buffer, filled));
            }
            driver.completeMultipartUpload(key, uploadId, parts);
            uploadId = null;
        }
        buffer = null;
    }

    @Override
    protected void discard() throws IOException {
        buffer = null;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            driver.abortMultipartUpload(key, id, null);
        }
    }
}

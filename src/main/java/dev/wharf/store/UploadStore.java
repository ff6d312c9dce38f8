package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.HexFormatter;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blob upload sessions, in distribution's {@code _uploads/<id>/} layout. Chunks stream through the running digest
 * into the session's {@code data}; on completion the digest is checked before the data is moved under {@code blobs/}
 * and linked into the repository, so nothing is visible until it is complete and verified. A chunk that fails
 * half-way is rolled back, leaving the session where it was and resumable.
 */
@ApplicationScoped
public class UploadStore {
    private static final int BUFFER = 256 * 1024;

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final Clock clock;
    private final UploadHashes hashes = new UploadHashes();
    private final StripedLocks locks = new StripedLocks(256);

    public UploadStore(StorageDriver driver, BlobStore blobs) {
        this.driver = driver;
        this.blobs = blobs;
        this.clock = Clock.systemUTC();
    }

    /** Opens a new, empty session. */
    public UploadStatus startUpload(RepositoryName name) throws IOException {
        UploadId id = UploadId.random();
        String startedAt = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        driver.putContent(RegistryLayout.uploadStartedAt(name, id), startedAt.getBytes(StandardCharsets.US_ASCII));
        return new UploadStatus(id, 0);
    }

    public UploadStatus getUploadStatus(RepositoryName name, UploadId id) throws IOException {
        requireSession(name, id);
        return new UploadStatus(id, dataSize(name, id));
    }

    /**
     * Appends a chunk. With a range, it must start at the session's current size ({@code RANGE_INVALID} otherwise).
     * With a known length ({@code Content-Length}), the body must match it and the range ({@code SIZE_INVALID}).
     */
    public UploadStatus patchUpload(RepositoryName name, UploadId id, Optional<ContentRange> range,
                                    OptionalLong contentLength, InputStream body) throws IOException {
        ReentrantLock lock = locks.forKey(key(name, id));
        lock.lock();
        try {
            requireSession(name, id);
            long size = append(name, id, range, contentLength, body);
            return new UploadStatus(id, size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the optional final chunk, verifies the whole content against {@code expected}, and makes the blob
     * visible in the repository. A mismatch is {@code DIGEST_INVALID} and removes the session: nothing is left.
     */
    public Digest completeUpload(RepositoryName name, UploadId id, Digest expected, Optional<ContentRange> range,
                                 OptionalLong contentLength, InputStream body) throws IOException {
        ReentrantLock lock = locks.forKey(key(name, id));
        lock.lock();
        try {
            requireSession(name, id);
            boolean hasChunk = range.isPresent() || (contentLength.isPresent() && contentLength.getAsLong() > 0)
                    || (contentLength.isEmpty() && body != null);
            long size = hasChunk ? append(name, id, range, contentLength, body) : dataSize(name, id);
            String data = RegistryLayout.uploadData(name, id);
            MessageDigest digest = hashes.resume(driver, key(name, id), data, size, expected.jcaAlgorithm());
            Digest actual = new Digest(expected.algorithm(), HexFormatter.hex(digest.digest()));
            if (!actual.equals(expected)) {
                removeSession(name, id);
                throw new RegistryException(ErrorCode.DIGEST_INVALID,
                        Map.of("expected", expected.toString(), "actual", actual.toString()));
            }
            publish(name, id, expected, size);
            return expected;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the session and removes its data. */
    public void cancelUpload(RepositoryName name, UploadId id) throws IOException {
        ReentrantLock lock = locks.forKey(key(name, id));
        lock.lock();
        try {
            requireSession(name, id);
            removeSession(name, id);
        } finally {
            lock.unlock();
        }
    }

    /** Single-request upload: the whole blob in one body, verified before it becomes visible. */
    public Digest putBlob(RepositoryName name, Digest expected, OptionalLong contentLength, InputStream body)
            throws IOException {
        UploadStatus session = startUpload(name);
        try {
            return completeUpload(name, session.id(), expected, Optional.empty(), contentLength, body);
        } catch (IOException | RuntimeException e) {
            removeQuietly(name, session.id());
            throw e;
        }
    }

    /**
     * Cross-repository mount: links a blob already stored into {@code name}. With {@code from}, the blob must be
     * visible in that repository; without it, any stored copy is used. Returns false when there is nothing to mount.
     */
    public boolean mountBlob(RepositoryName name, Digest digest, Optional<RepositoryName> from) throws IOException {
        boolean available = from.isPresent() ? blobs.isLinked(from.get(), digest) : blobs.existsGlobally(digest);
        if (available) {
            blobs.linkBlob(name, digest);
        }
        return available;
    }

    private long append(RepositoryName name, UploadId id, Optional<ContentRange> range, OptionalLong contentLength,
                        InputStream body) throws IOException {
        String data = RegistryLayout.uploadData(name, id);
        long start = dataSize(name, id);
        if (range.isPresent()) {
            ContentRange r = range.get();
            if (r.start() != start) {
                throw new RegistryException(ErrorCode.RANGE_INVALID,
                        "chunk starts at " + r.start() + " but the upload holds " + start + " bytes",
                        Map.of("Range", "0-" + Math.max(0, start - 1)));
            }
            if (contentLength.isPresent() && contentLength.getAsLong() != r.length()) {
                throw new RegistryException(ErrorCode.SIZE_INVALID,
                        "Content-Length " + contentLength.getAsLong() + " does not match Content-Range length " + r.length());
            }
        }
        long expectedLength = range.map(ContentRange::length).orElse(contentLength.orElse(-1));
        MessageDigest digest = hashes.resume(driver, key(name, id), data, start, "SHA-256");
        long written;
        try (FileWriter writer = driver.writer(data, true)) {
            written = copy(body, digest, writer);
            if (expectedLength >= 0 && written != expectedLength) {
                writer.cancel();
                throw new RegistryException(ErrorCode.SIZE_INVALID,
                        "received " + written + " bytes, expected " + expectedLength);
            }
            writer.commit();
        }
        hashes.save(key(name, id), start + written, digest);
        return start + written;
    }

    private static long copy(InputStream body, MessageDigest digest, FileWriter writer) throws IOException {
        if (body == null) {
            return 0;
        }
        byte[] buffer = new byte[BUFFER];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long total = 0;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw new RegistryException(ErrorCode.SIZE_INVALID, "request body ended early: " + e.getMessage());
            }
            if (n < 0) {
                return total;
            }
            if (n == 0) {
                continue;
            }
            digest.update(buffer, 0, n);
            wrapped.clear().limit(n);
            writer.write(wrapped);
            total += n;
        }
    }

    private void publish(RepositoryName name, UploadId id, Digest digest, long size) throws IOException {
        String data = RegistryLayout.uploadData(name, id);
        if (!blobs.existsGlobally(digest)) {
            if (size == 0 && !Links.exists(driver, data)) {
                driver.putContent(RegistryLayout.blobData(digest), new byte[0]);
            } else {
                driver.move(data, RegistryLayout.blobData(digest));
            }
        }
        blobs.linkBlob(name, digest);
        removeSession(name, id);
    }

    private void requireSession(RepositoryName name, UploadId id) throws IOException {
        if (!Links.exists(driver, RegistryLayout.uploadDir(name, id))) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("upload", id.value()));
        }
    }

    private long dataSize(RepositoryName name, UploadId id) throws IOException {
        try {
            FileInfo info = driver.stat(RegistryLayout.uploadData(name, id));
            return info.size();
        } catch (PathNotFoundException e) {
            return 0;
        }
    }

    private void removeSession(RepositoryName name, UploadId id) throws IOException {
        hashes.forget(key(name, id));
        try {
            driver.delete(RegistryLayout.uploadDir(name, id));
        } catch (PathNotFoundException e) {
            // already gone
        }
    }

    private void removeQuietly(RepositoryName name, UploadId id) {
        try {
            removeSession(name, id);
        } catch (IOException ignored) {
            // best effort: an orphaned session is purged later
        }
    }

    private static String key(RepositoryName name, UploadId id) {
        return name.value() + "@" + id.value();
    }
}

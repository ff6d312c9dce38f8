package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.HexFormatter;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blob upload sessions, in distribution's {@code _uploads/<id>/} layout. Chunks stream through the running digest
 * into the session's {@code data}; on completion the digest is checked before the data is moved under {@code blobs/}
 * and linked into the repository, so nothing is visible until it is complete and verified. A chunk that fails
 * half-way is rolled back, leaving the session where it was and resumable. A small blob sent whole into an empty
 * session (see {@link WholeBody}) is verified in memory and written straight under {@code blobs/} instead.
 */
@ApplicationScoped
public class UploadStore {
    private static final int BUFFER = 256 * 1024;
    /**
     * From this size on, completing an upload first checks whether the registry holds the blob already, to spare
     * moving (on S3: copying) its data again. Below it, the data is moved over any identical copy unchecked: one
     * storage request either way (the move instead of the check, a small server-side copy on S3), and one fewer for
     * a new blob, the usual case.
     */
    private static final long CHECK_STORED_FROM = 1024 * 1024;
    /** The end of a single-request upload, which has no session to end. */
    private static final ConcurrentSteps.Step NO_SESSION = () -> {
    };

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final Clock clock;
    private final HashStates hashStates;
    private final StripedLocks locks = new StripedLocks(256);
    private final ConcurrentSteps steps;

    public UploadStore(StorageDriver driver, BlobStore blobs, ConcurrentSteps steps) {
        this.driver = driver;
        this.blobs = blobs;
        this.steps = steps;
        this.clock = Clock.systemUTC();
        this.hashStates = new HashStates(driver);
    }

    /** Opens a new, empty session. */
    public UploadState startUpload(RepositoryName name) throws IOException {
        UploadId id = UploadId.random();
        Instant startedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        driver.putScratch(RegistryLayout.uploadStartedAt(name, id),
                DateTimeFormatter.ISO_INSTANT.format(startedAt).getBytes(StandardCharsets.US_ASCII));
        return new UploadState(name, id, 0, startedAt);
    }

    /**
     * Fails with {@code BLOB_UPLOAD_UNKNOWN} when the session does not exist (never started, completed or cancelled).
     */
    public void requireSession(RepositoryName name, UploadId id) throws IOException {
        sessionEntries(name, id);
    }

    /** The session's current state. The claimed offset may be behind: a client asks precisely to learn the size. */
    public UploadState getUploadStatus(UploadState claimed) throws IOException {
        return claimed.at(sessionSize(claimed));
    }

    /**
     * Appends a chunk. With a range, it must start at the session's current size ({@code RANGE_INVALID} otherwise);
     * without one, the claimed offset must be that size ({@code BLOB_UPLOAD_INVALID} otherwise, as in distribution:
     * the client holds a stale Location and the bytes would land elsewhere than it thinks). With a known length
     * ({@code Content-Length}), the body must match it and the range ({@code SIZE_INVALID}). The running hash is
     * saved in storage, so another instance resumes it.
     */
    public UploadState patchUpload(UploadState claimed, Optional<ContentRange> range, OptionalLong contentLength,
                                   InputStream body) throws IOException {
        RepositoryName name = claimed.name();
        UploadId id = claimed.id();
        ReentrantLock lock = locks.forKey(key(name, id));
        lock.lock();
        try {
            long start = checkedStart(claimed, range, sessionSize(claimed));
            Sha256State state = hashStates.resume(name, id, start);
            long size;
            try {
                size = append(name, id, start, range, contentLength, body, new Sha256Digest(state));
            } catch (PathNotFoundException e) {
                throw lost(name, id, e);
            }
            if (size > start) {
                hashStates.save(name, id, state);
            }
            return claimed.at(size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the optional final chunk (checked as by {@link #patchUpload}), verifies the whole content against
     * {@code expected}, and makes the blob visible in the repository. A mismatch is {@code DIGEST_INVALID} and
     * removes the session: nothing is left.
     *
     * <p>A small blob sent whole from offset 0 ({@link WholeBody}) is read and hashed before the session is looked
     * at; when it matches {@code expected}, its data is written under {@code blobs/} while the session is listed
     * (one round trip instead of two). That write makes nothing visible: the data is verified and content-addressed,
     * and only the repository's link, written once the session is known to exist and to hold nothing else, shows it.
     * A session found unknown or holding data leaves an unlinked verified blob, as a crash before the link does.
     */
    public Digest completeUpload(UploadState claimed, Digest expected, Optional<ContentRange> range,
                                 OptionalLong contentLength, InputStream body) throws IOException {
        RepositoryName name = claimed.name();
        UploadId id = claimed.id();
        ReentrantLock lock = locks.forKey(key(name, id));
        lock.lock();
        try {
            byte[] whole = null;
            Session session = null;
            if (WholeBody.fits(range, contentLength) && (range.isPresent() || claimed.offset() == 0)) {
                whole = readWhole(claimed, range, body, (int) contentLength.getAsLong());
                body = new ByteArrayInputStream(whole);
                if (matches(expected, whole)) {
                    session = sessionWhileStoring(claimed, expected, whole);
                    if (session.holdsNothing()) {
                        List<String> entries = session.entries();
                        linkWhole(name, expected, whole.length,
                                () -> driver.deleteListed(RegistryLayout.uploadDir(name, id), entries));
                        return expected;
                    }
                }
            }
            if (session == null) {
                session = session(claimed);
            }
            long stored = session.size();
            boolean hasChunk = range.isPresent() || (contentLength.isPresent() && contentLength.getAsLong() > 0)
                    || (contentLength.isEmpty() && body != null);
            long start = hasChunk ? checkedStart(claimed, range, stored) : stored;
            if (start == 0 && session.holdsNothing() && WholeBody.fits(range, contentLength)) {
                byte[] content = whole != null ? whole : WholeBody.read(body, (int) contentLength.getAsLong());
                List<String> entries = session.entries();
                storeWhole(name, expected, content, () -> driver.deleteListed(RegistryLayout.uploadDir(name, id),
                        entries));
                return expected;
            }
            MessageDigest digest = runningDigest(name, id, start, expected);
            try {
                long size = hasChunk ? append(name, id, start, range, contentLength, body, digest) : start;
                if (digest == null) {
                    digest = rehash(RegistryLayout.uploadData(name, id), size, expected.jcaAlgorithm());
                }
                verify(expected, digest, () -> removeSession(name, id));
                publish(name, id, expected, size);
            } catch (PathNotFoundException e) {
                throw lost(name, id, e);
            }
            return expected;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the session and removes its data. */
    public void cancelUpload(UploadState claimed) throws IOException {
        ReentrantLock lock = locks.forKey(key(claimed.name(), claimed.id()));
        lock.lock();
        try {
            requireSession(claimed.name(), claimed.id());
            removeSession(claimed.name(), claimed.id());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Single-request upload: the whole blob in one body, verified before it becomes visible. A small one (see
     * {@link WholeBody}) needs no session at all.
     */
    public Digest putBlob(RepositoryName name, Digest expected, OptionalLong contentLength, InputStream body)
            throws IOException {
        if (WholeBody.fits(Optional.empty(), contentLength)) {
            storeWhole(name, expected, WholeBody.read(body, (int) contentLength.getAsLong()), NO_SESSION);
            return expected;
        }
        UploadState session = startUpload(name);
        try {
            return completeUpload(session, expected, Optional.empty(), contentLength, body);
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

    /** Where the next chunk starts: the stored size, which the range (or else the claimed offset) must name. */
    private static long checkedStart(UploadState claimed, Optional<ContentRange> range, long start) {
        Map<String, String> rangeHeader = Map.of("Range", "0-" + Math.max(0, start - 1));
        if (range.isPresent()) {
            if (range.get().start() != start) {
                throw new RegistryException(ErrorCode.RANGE_INVALID,
                        "chunk starts at " + range.get().start() + " but the upload holds " + start + " bytes",
                        rangeHeader);
            }
        } else if (claimed.offset() != start) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID,
                    "upload resumed at wrong offset: " + claimed.offset() + " != " + start, rangeHeader);
        }
        return start;
    }

    /**
     * The digest to run over the next chunk: the JDK's (fastest) for a fresh session, the saved SHA-256 state for one
     * that holds data already, or null when the data must be hashed again at the end (another algorithm than the
     * one whose state is kept).
     */
    private MessageDigest runningDigest(RepositoryName name, UploadId id, long start, Digest expected)
            throws IOException {
        if (start == 0) {
            return newDigest(expected.jcaAlgorithm());
        }
        if (Sha256Digest.ALGORITHM.equals(expected.jcaAlgorithm())) {
            return new Sha256Digest(hashStates.resume(name, id, start));
        }
        return null;
    }

    private long append(RepositoryName name, UploadId id, long start, Optional<ContentRange> range,
                        OptionalLong contentLength, InputStream body, MessageDigest digest) throws IOException {
        String data = RegistryLayout.uploadData(name, id);
        if (range.isPresent() && contentLength.isPresent() && contentLength.getAsLong() != range.get().length()) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Length " + contentLength.getAsLong()
                    + " does not match Content-Range length " + range.get().length());
        }
        long expectedLength = range.map(ContentRange::length).orElse(contentLength.orElse(-1));
        long written;
        // nothing to append to at 0: on S3 this spares a stat of the data
        try (FileWriter writer = driver.writer(data, start > 0)) {
            written = BodyCopy.copy(body, digest, writer, expectedLength);
            if (expectedLength >= 0 && written != expectedLength) {
                writer.cancel();
                throw new RegistryException(ErrorCode.SIZE_INVALID,
                        "received " + written + " bytes, expected " + expectedLength);
            }
            writer.commit();
        }
        return start + written;
    }

    /**
     * {@code DIGEST_INVALID} when the content hashed into {@code digest} is not {@code expected}, after {@code end}
     * (what must be undone then).
     */
    private static void verify(Digest expected, MessageDigest digest, ConcurrentSteps.Step end) throws IOException {
        Digest actual = new Digest(expected.algorithm(), HexFormatter.hex(digest.digest()));
        if (!actual.equals(expected)) {
            end.run();
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    Map.of("expected", expected.toString(), "actual", actual.toString()));
        }
    }

    /**
     * Stores a small blob read whole (see {@link WholeBody}): verified first, then written in one atomic
     * {@code putContent} straight under {@code blobs/} (over an identical copy, if any), so nothing is visible
     * before it is complete and verified; then the session (which held nothing but its {@code startedat}) is ended
     * and the blob linked. A crash after the write leaves unlinked data and the session, which a retry completes.
     */
    private void storeWhole(RepositoryName name, Digest expected, byte[] content, ConcurrentSteps.Step end)
            throws IOException {
        MessageDigest digest = newDigest(expected.jcaAlgorithm());
        digest.update(content);
        verify(expected, digest, end);
        driver.putContent(RegistryLayout.blobData(expected), content);
        linkWhole(name, expected, content.length, end);
    }

    /**
     * Once a whole blob's data is stored: ends the session ({@code end}) and links the blob at the same time. Both
     * come after the data is stored, so the link never names missing data, and the request is answered after both,
     * so a completed session is gone when the client hears of it. A crash in between may leave the session next to
     * the link (a retry of the same {@code PUT} completes it again; upload purging removes it), as a crash after the
     * data's write and before the session's end leaves it when they run in turn.
     */
    private void linkWhole(RepositoryName name, Digest digest, long size, ConcurrentSteps.Step end)
            throws IOException {
        blobs.stored(digest, size);
        if (end == NO_SESSION) {
            blobs.linkBlob(name, digest);
        } else {
            steps.both(() -> blobs.linkBlob(name, digest), end);
        }
    }

    /**
     * The whole body of a request that may complete its session in one write. A body that is not of its announced
     * length is {@code SIZE_INVALID}, but only after the session was found and the chunk's start checked, as when the
     * session is looked at first ({@code BLOB_UPLOAD_UNKNOWN}, {@code RANGE_INVALID} and {@code BLOB_UPLOAD_INVALID}
     * come first).
     */
    private byte[] readWhole(UploadState claimed, Optional<ContentRange> range, InputStream body, int length)
            throws IOException {
        try {
            return WholeBody.read(body, length);
        } catch (RegistryException e) {
            checkedStart(claimed, range, session(claimed).size());
            throw e;
        }
    }

    /** True when the content hashes to {@code expected}. */
    private static boolean matches(Digest expected, byte[] content) {
        MessageDigest digest = newDigest(expected.jcaAlgorithm());
        return expected.hex().equals(HexFormatter.hex(digest.digest(content)));
    }

    /**
     * The session (see {@link #session}), looked up while the verified whole blob is written under {@code blobs/}
     * (over any identical copy). Returns once both are done; fails as {@link #session} does, after the write.
     */
    private Session sessionWhileStoring(UploadState claimed, Digest expected, byte[] content) throws IOException {
        Session[] found = new Session[1];
        steps.both(() -> found[0] = session(claimed),
                () -> driver.putContent(RegistryLayout.blobData(expected), content));
        return found[0];
    }

    /**
     * Moves the verified data into {@code blobs/} (over an identical copy, if any), removes the session and links the
     * blob into the repository. From {@link #CHECK_STORED_FROM}, the storage is asked first whether it holds the blob
     * already, sparing the move; never this process's memory, since a blob it remembers may have been
     * garbage-collected since (its data would be dropped). A crash before the link leaves unlinked data, which a new
     * push of the blob links (or garbage collection removes); never a link to missing data.
     */
    private void publish(RepositoryName name, UploadId id, Digest digest, long size) throws IOException {
        String data = RegistryLayout.uploadData(name, id);
        if (size >= CHECK_STORED_FROM && blobs.existsInStorage(digest)) {
            removeSession(name, id);
        } else if (size == 0 && !Links.exists(driver, data)) {
            driver.putContent(RegistryLayout.blobData(digest), new byte[0]);
            removeSession(name, id);
        } else {
            driver.moveThenDelete(data, RegistryLayout.blobData(digest), RegistryLayout.uploadDir(name, id));
        }
        blobs.stored(digest, size);
        blobs.linkBlob(name, digest);
    }

    /**
     * The size of the session's data; {@code BLOB_UPLOAD_UNKNOWN} when the session does not exist (never started,
     * completed or cancelled). One S3 request in the usual cases: when the client claims data, a stat of the data
     * answers both (data only exists in a live session); when it claims none, a listing of the session's directory
     * (a stat of data that does not exist costs two).
     */
    private long sessionSize(UploadState claimed) throws IOException {
        return session(claimed).size();
    }

    /** The session's data size, and the names in its directory when they were listed to learn it (else null). */
    private record Session(long size, List<String> entries) {
        /** True when the session is known to hold nothing but its {@code startedat}: no data, no hash states. */
        boolean holdsNothing() {
            return List.of(RegistryLayout.STARTED_AT).equals(entries);
        }
    }

    /** {@link #sessionSize}, with the listing it made. */
    private Session session(UploadState claimed) throws IOException {
        String data = RegistryLayout.uploadData(claimed.name(), claimed.id());
        if (claimed.offset() > 0) {
            try {
                return new Session(driver.stat(data).size(), null);
            } catch (PathNotFoundException e) {
                // a stale claim: the session may still exist, without data
            }
        }
        List<String> entries = sessionEntries(claimed.name(), claimed.id());
        if (!entries.contains(RegistryLayout.DATA)) {
            return new Session(0, entries);
        }
        try {
            return new Session(driver.stat(data).size(), entries);
        } catch (PathNotFoundException e) {
            throw unknown(claimed.id());
        }
    }

    /** The names in the session's directory; {@code BLOB_UPLOAD_UNKNOWN} when there are none. */
    private List<String> sessionEntries(RepositoryName name, UploadId id) throws IOException {
        List<String> entries;
        try {
            entries = driver.list(RegistryLayout.uploadDir(name, id));
        } catch (PathNotFoundException e) {
            throw unknown(id);
        }
        if (entries.isEmpty()) {
            throw unknown(id);
        }
        return entries;
    }

    /**
     * The session's data vanished under it (its multipart upload aborted by an S3 lifecycle rule, or the session
     * cancelled meanwhile): what is left of the session is removed and the upload is unknown, so the client starts
     * again.
     */
    private RegistryException lost(RepositoryName name, UploadId id, PathNotFoundException cause) {
        removeQuietly(name, id);
        RegistryException unknown = unknown(id);
        unknown.addSuppressed(cause);
        return unknown;
    }

    private static RegistryException unknown(UploadId id) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("upload", id.value()));
    }

    private void removeSession(RepositoryName name, UploadId id) throws IOException {
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

    private MessageDigest rehash(String dataPath, long length, String jcaAlgorithm) throws IOException {
        MessageDigest digest = newDigest(jcaAlgorithm);
        if (length == 0) {
            return digest;
        }
        byte[] buffer = new byte[BUFFER];
        long remaining = length;
        try (InputStream in = driver.reader(dataPath, 0)) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("upload data shorter than " + length + ": " + dataPath);
                }
                digest.update(buffer, 0, n);
                remaining -= n;
            }
        }
        return digest;
    }

    static MessageDigest newDigest(String jcaAlgorithm) {
        try {
            return MessageDigest.getInstance(jcaAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(RepositoryName name, UploadId id) {
        return name.value() + "@" + id.value();
    }
}

package dev.wharf.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The byte-level storage SPI, after distribution's {@code storagedriver.StorageDriver}. It knows nothing about
 * registries: the registry rules and the path layout live in {@code dev.wharf.store}.
 *
 * <p>Paths are absolute within the driver's root: {@code "/"} or one or more {@code /component}s, each component
 * made of {@code [A-Za-z0-9._-]} and never {@code .} or {@code ..}. Any other path is refused with an
 * {@link InvalidPathException} before anything is touched. {@code "/"} is always a directory, never an object:
 * methods that create or move an object refuse it with an {@link InvalidPathException} too.
 *
 * <p>A directory exists whenever some object exists below it. Drivers without real directories (in-memory, S3) have
 * no other directories; on the filesystem a directory may remain, empty, after its last object is deleted or moved
 * away (distribution does not prune them either), so callers treat an empty {@link #list} like a missing directory.
 * Names starting with {@code .tmp-} are reserved for the drivers' temporary files.
 *
 * <p>Every method is safe to call from many threads at once.
 */
public interface StorageDriver extends Closeable {

    /** The backend's name, as configured: {@code filesystem}, {@code inmemory}, {@code s3}. */
    String name();

    /**
     * Whether every call to the driver is a network round trip (S3: ~1-100 ms, mostly waiting) rather than a local
     * read of microseconds, so that callers gain by sharing reads ({@link CoalescedReads}) or overlapping
     * independent ones. Decided by the backend's {@link #name()}, which wrappers (metrics, coalescing) forward.
     */
    static boolean readsAreSlow(StorageDriver driver) {
        return "s3".equals(driver.name());
    }

    /**
     * The whole content of a small object (links, manifests, upload metadata).
     *
     * @throws PathNotFoundException when no object exists at the path (a directory is not an object)
     */
    byte[] getContent(String path) throws IOException;

    /**
     * Replaces the object at the path with the content, creating parent directories. Atomic: a reader (or a crash)
     * sees the old content or the new one, never a mix or a partial write.
     */
    void putContent(String path, byte[] content) throws IOException;

    /**
     * {@link #putContent} for scratch content that a crash may lose but must never tear: an upload session's own
     * bookkeeping ({@code startedat}, saved hash states), which the session can do without (a lost session is
     * restarted by the client, a lost hash state is recomputed from the data). Atomic like {@code putContent}, but a
     * backend may skip what only makes the write durable (the filesystem's fsyncs, one journal commit each). The
     * default is {@code putContent}.
     */
    default void putScratch(String path, byte[] content) throws IOException {
        putContent(path, content);
    }

    /**
     * A stream of the object's bytes from {@code offset} to its end. An offset equal to the size gives an empty
     * stream.
     *
     * @throws PathNotFoundException  when no object exists at the path
     * @throws InvalidOffsetException when the offset is negative or beyond the size
     */
    InputStream reader(String path, long offset) throws IOException;

    /**
     * A writer for the object at the path.
     * <ul>
     * <li>{@code append == false}: starts empty content; nothing is visible at the path until {@link FileWriter#commit()},
     * which atomically replaces any existing object. {@link FileWriter#cancel()} leaves the path as it was.</li>
     * <li>{@code append == true}: continues the existing object (or an empty one when missing); {@link FileWriter#size()}
     * starts at the existing size. Appended bytes may be visible to readers before commit; {@code cancel()}
     * restores the object to the size it had when the writer was opened, and leaves no object when there was
     * none.</li>
     * </ul>
     * Closing a writer that was neither committed nor cancelled cancels it. Only one writer per path at a time is
     * supported, and no reader, {@code getContent} or {@code move} of the path while an append writer is open on it;
     * callers serialise.
     *
     * <p>Appending is meant to cost what is appended, however large the object: a driver may keep an appended object
     * in a form that only its own methods read (S3 keeps the multipart upload open across appends, and completes it
     * when the object is first read or moved), so other programs may see an appended object only after Wharf read
     * or moved it.
     */
    FileWriter writer(String path, boolean append) throws IOException;

    /**
     * Size, modification time and kind of whatever is at the path.
     *
     * @throws PathNotFoundException when neither an object nor a directory exists at the path
     */
    FileInfo stat(String path) throws IOException;

    /**
     * The names (not paths) of the direct children of a directory, objects and directories alike, each once, sorted
     * in ascending {@link String#compareTo} order. Temporary files of uncommitted writers are never listed. May be
     * empty on the filesystem (see above).
     *
     * @throws PathNotFoundException when the directory does not exist (or the path is an object)
     */
    List<String> list(String path) throws IOException;

    /**
     * Moves the object at {@code source} to {@code destination}, replacing any object there and creating parent
     * directories. On the filesystem this is an atomic rename (and may move a directory, which other drivers need not
     * support).
     *
     * @throws PathNotFoundException when no object exists at {@code source}
     */
    void move(String source, String destination) throws IOException;

    /**
     * Deletes the object at the path, or the directory and everything below it (never anything else: {@code /a/b}
     * does not touch {@code /a/bc}), including what appends and writers that never committed left behind (on S3,
     * their multipart uploads are aborted). Deleting {@code "/"} empties the storage.
     *
     * @throws PathNotFoundException when nothing exists at the path
     */
    void delete(String path) throws IOException;

    /**
     * Moves the object at {@code source} to {@code destination} as {@link #move} does, then deletes the directory
     * {@code directory}, which holds {@code source}, as {@link #delete} does (a directory already gone is no error):
     * the end of an upload, whose data leaves its session directory for good. Backends may do it in fewer requests
     * than the two calls; the outcome is the same.
     *
     * @throws PathNotFoundException when no object exists at {@code source} (nothing is deleted then)
     */
    default void moveThenDelete(String source, String destination, String directory) throws IOException {
        move(source, destination);
        try {
            delete(directory);
        } catch (PathNotFoundException e) {
            // deleted by someone else meanwhile
        }
    }

    /**
     * Deletes the directory as {@link #delete} does, given the {@code names} a {@link #list} of it just gave, all of
     * them objects written whole ({@link #putContent}, {@link #putScratch}, or a writer that never appended): the end
     * of an upload session whose content is known. A backend may then delete exactly those objects without listing
     * the directory again (S3: one request), so what appears in it after that listing (a concurrent write of the same
     * session, which the listing could have missed just as well) may be left behind. A directory already gone, or an
     * empty {@code names}, is no error. The default deletes the directory.
     */
    default void deleteListed(String directory, List<String> names) throws IOException {
        try {
            delete(directory);
        } catch (PathNotFoundException e) {
            // deleted by someone else meanwhile
        }
    }

    /**
     * A local file holding exactly the object's bytes, so that it can be served without copying through the JVM
     * heap ({@code sendfile}). Empty when the backend has no local files or the object does not exist.
     */
    default Optional<Path> localFile(String path) {
        return Optional.empty();
    }

    /**
     * A URL at which a client may fetch the object itself with the HTTP {@code method}, bypassing the registry (after
     * distribution's {@code RedirectURL}): valid for a limited time, and honouring {@code Range} where the backend
     * does. Empty when the backend cannot serve clients directly or does not support the method; callers then serve
     * the bytes themselves. Computing the URL does not touch the backend, so it says nothing about whether the object
     * exists: callers check that first.
     */
    default Optional<URI> redirectUrl(String path, String method) {
        return Optional.empty();
    }

    /**
     * Checks, cheaply and within a bounded time, that the backend is reachable and usable (for readiness probes).
     * The default stats the root, which an empty storage may answer with {@link PathNotFoundException}: that counts
     * as healthy.
     *
     * @throws IOException when the backend cannot be reached or refuses the check
     */
    default void checkHealth() throws IOException {
        try {
            stat("/");
        } catch (PathNotFoundException e) {
            // empty storage: reachable all the same
        }
    }

    /** Releases what the driver holds (connections to the backend) at shutdown. The default holds nothing. */
    @Override
    default void close() throws IOException {
    }
}

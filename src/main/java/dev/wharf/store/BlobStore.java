package dev.wharf.store;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.FileInfo;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blobs as a repository sees them: the content-addressed data under {@code blobs/}, visible in a repository through
 * its {@code _layers} link. As in distribution, a manifest is not a blob of its repository: it is fetched from the
 * manifest endpoint. Data seen to exist is remembered ({@link KnownBlobs}), which spares the storage a request per
 * blob HEAD, manifest check and upload completion; with {@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR=inmemory}, so are
 * links seen or written ({@link KnownLinks}), so that a HEAD or GET of a known blob, or a manifest's check of a blob
 * just pushed, reads no link from storage.
 */
@ApplicationScoped
public class BlobStore {
    /** distribution's default {@code blobdescriptorsize}. */
    private static final int KNOWN_BLOBS = 10_000;
    private static final long KNOWN_FOR_MILLIS = 10 * 60 * 1000;

    private final StorageDriver driver;
    private final KnownBlobs known = new KnownBlobs(KNOWN_BLOBS, KNOWN_FOR_MILLIS, Clock.systemUTC());
    private final KnownLinks knownLinks;

    @Inject
    public BlobStore(StorageDriver driver, RegistryConfig config) {
        this(driver, config.storage().cache().linkCacheSize());
    }

    /** With {@code linkCacheSize} links remembered ({@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR}), 0 for none. */
    BlobStore(StorageDriver driver, int linkCacheSize) {
        this.driver = driver;
        this.knownLinks = new KnownLinks(linkCacheSize, KnownLinks.TTL_MILLIS, Clock.systemUTC());
    }

    /** The size of a blob visible in the repository; {@code BLOB_UNKNOWN} otherwise. */
    public long headBlob(RepositoryName name, Digest digest) throws IOException {
        requireLinked(name, digest);
        return statData(digest).orElseThrow(() -> unknown(digest));
    }

    /**
     * A blob visible in the repository, ready to stream; {@code BLOB_UNKNOWN} otherwise, also when its data turns out
     * to be missing on opening (removed behind this process, by {@code garbage-collect}, while remembered here).
     */
    public BlobContent getBlob(RepositoryName name, Digest digest) throws IOException {
        long size = headBlob(name, digest);
        String data = RegistryLayout.blobData(digest);
        return new BlobContent(size, driver.localFile(data), offset -> {
            try {
                return driver.reader(data, offset);
            } catch (PathNotFoundException e) {
                known.forget(digest);
                throw unknown(digest);
            }
        });
    }

    /**
     * A URL at which a client may fetch the blob's data straight from the backend with the HTTP {@code method}, when
     * the driver offers one ({@link StorageDriver#redirectUrl}). No storage I/O: callers first check that the blob is
     * visible ({@link #getBlob}).
     */
    public Optional<URI> redirectUrl(Digest digest, String method) {
        return driver.redirectUrl(RegistryLayout.blobData(digest), method);
    }

    /** Unlinks the blob from the repository (the data stays until garbage collection, as in distribution). */
    public void deleteBlob(RepositoryName name, Digest digest) throws IOException {
        String link = RegistryLayout.layerLink(name, digest);
        try {
            driver.delete(StoragePaths.parent(link));
        } catch (PathNotFoundException e) {
            throw unknown(digest);
        } finally {
            knownLinks.forget(name, digest);
        }
    }

    /**
     * True when the blob's data exists anywhere in the registry. The digest's directory is listed rather than its
     * {@code data} stat'ed: one request on S3 whether the blob exists or not (a stat that misses costs two).
     */
    public boolean existsGlobally(Digest digest) throws IOException {
        return known.exists(digest) || existsInStorage(digest);
    }

    /**
     * {@link #existsGlobally} asked of the storage, not of what this process remembers: for a decision that would
     * lose data if the blob had been removed meanwhile (by {@code garbage-collect} or another replica), such as
     * dropping an upload because its blob is already stored.
     */
    boolean existsInStorage(Digest digest) throws IOException {
        boolean exists;
        try {
            exists = driver.list(RegistryLayout.blobDir(digest)).contains(RegistryLayout.DATA);
        } catch (PathNotFoundException e) {
            return false;
        }
        if (exists) {
            known.exists(digest, OptionalLong.empty());
        }
        return exists;
    }

    /** True when this process saw the blob's data lately (no storage I/O): a false answer proves nothing. */
    boolean knownToExist(Digest digest) {
        return known.exists(digest);
    }

    /** Records that the blob's data of {@code size} bytes was just stored (an upload's, moved into place). */
    void stored(Digest digest, long size) {
        known.exists(digest, OptionalLong.of(size));
    }

    /** True when the blob is visible in the repository and its data exists. */
    public boolean isLinked(RepositoryName name, Digest digest) throws IOException {
        return linkPresent(name, digest) && existsGlobally(digest);
    }

    /** Makes existing blob data visible in the repository. */
    public void linkBlob(RepositoryName name, Digest digest) throws IOException {
        knownLinks.write(driver, RegistryLayout.layerLink(name, digest), name, digest);
    }

    private void requireLinked(RepositoryName name, Digest digest) throws IOException {
        if (!linkPresent(name, digest)) {
            throw unknown(digest);
        }
    }

    /** True when the repository links the blob: known lately, else read from storage (and then remembered). */
    private boolean linkPresent(RepositoryName name, Digest digest) throws IOException {
        return knownLinks.isPresent(driver, RegistryLayout.layerLink(name, digest), name, digest);
    }

    private Optional<Long> statData(Digest digest) throws IOException {
        OptionalLong size = known.size(digest);
        if (size.isPresent()) {
            return Optional.of(size.getAsLong());
        }
        try {
            FileInfo info = driver.stat(RegistryLayout.blobData(digest));
            if (info.directory()) {
                return Optional.empty();
            }
            known.exists(digest, OptionalLong.of(info.size()));
            return Optional.of(info.size());
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    private static RegistryException unknown(Digest digest) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
    }
}

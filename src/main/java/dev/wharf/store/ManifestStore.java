package dev.wharf.store;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Descriptor;
import dev.wharf.model.Digest;
import dev.wharf.model.HexFormatter;
import dev.wharf.model.ManifestParser;
import dev.wharf.model.ParsedManifest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Optional;

/**
 * Manifests and indexes: stored as blobs (exact bytes), visible in a repository through
 * {@code _manifests/revisions/<alg>/<hex>/link}, and named by tags. Everything a manifest references must already be
 * in the repository, except its {@code subject}.
 */
@ApplicationScoped
public class ManifestStore {
    /** The spec asks registries to accept at least 4 MiB; distribution and zot cap there. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final StorageDriver driver;
    private final BlobStore blobs;
    private final TagStore tags;
    private final ManifestCache cache = new ManifestCache(CACHE_BYTES);
    /** Revision links seen or written (when cached): a GET by tag then reads only the tag's link, by digest nothing. */
    private final KnownLinks knownRevisions;
    private final StripedLocks repositoryLocks = new StripedLocks(64);
    private final ConcurrentSteps steps;

    @Inject
    public ManifestStore(StorageDriver driver, BlobStore blobs, TagStore tags, RegistryConfig config,
                         ConcurrentSteps steps) {
        this(driver, blobs, tags, config.storage().cache().linkCacheSize(), steps);
    }

    /** With {@code linkCacheSize} revision links remembered ({@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR}). */
    ManifestStore(StorageDriver driver, BlobStore blobs, TagStore tags, int linkCacheSize, ConcurrentSteps steps) {
        this.driver = driver;
        this.blobs = blobs;
        this.tags = tags;
        this.steps = steps;
        this.knownRevisions = new KnownLinks(linkCacheSize, KnownLinks.TTL_MILLIS, Clock.systemUTC());
    }

    /** The manifest a tag or digest names in the repository; {@code MANIFEST_UNKNOWN} otherwise. */
    public StoredManifest getManifest(RepositoryName name, Reference reference) throws IOException {
        Digest digest = reference instanceof Reference.ByTag byTag
                ? tags.resolveTag(name, byTag.tag()).orElseThrow(() -> unknown(reference))
                : ((Reference.ByDigest) reference).digest();
        if (!hasManifest(name, digest)) {
            throw unknown(reference);
        }
        return load(digest).orElseThrow(() -> unknown(reference));
    }

    /** True when the manifest is a revision of the repository: known lately, else read from storage. */
    public boolean hasManifest(RepositoryName name, Digest digest) throws IOException {
        return knownRevisions.isPresent(driver, RegistryLayout.revisionLink(name, digest), name, digest);
    }

    /**
     * Stores a manifest exactly as pushed and, for a tag reference, points the tag at it. The body is checked first:
     * valid JSON of a supported type ({@code MANIFEST_INVALID}), matching a digest reference ({@code DIGEST_INVALID}),
     * and referencing only blobs and manifests the repository holds ({@code MANIFEST_BLOB_UNKNOWN}).
     *
     * <p>Written in distribution's order, so that a crash at any point leaves nothing that names an incomplete
     * manifest: the manifest's blob, then its revision link (which makes it visible by digest), then the tag's
     * {@code current} link. The tag's {@code index} entry (its history, which no read resolves) is written at the
     * same time as the revision link: both only name the stored blob, and both are in place before {@code current}.
     */
    public StoredManifest putManifest(RepositoryName name, Reference reference, byte[] body, String contentType)
            throws IOException {
        ParsedManifest parsed = ManifestParser.parse(body, contentType);
        String algorithm = reference instanceof Reference.ByDigest byDigest ? byDigest.digest().algorithm() : "sha256";
        Digest digest = digestOf(algorithm, body);
        if (reference instanceof Reference.ByDigest byDigest && !byDigest.digest().equals(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    Map.of("expected", byDigest.digest().toString(), "actual", digest.toString()));
        }
        verifyReferences(name, parsed);
        // written over any identical copy unless known: a manifest is small, and checking storage first would cost
        // as much as the write when it exists, and a request more when it does not (the usual case)
        if (!blobs.knownToExist(digest)) {
            driver.putContent(RegistryLayout.blobData(digest), body);
            blobs.stored(digest, body.length);
        }
        ReentrantLock lock = repositoryLocks.forKey(name.toString());
        lock.lock();
        try {
            ConcurrentSteps.Step revision = () -> knownRevisions.write(driver, RegistryLayout.revisionLink(name, digest),
                    name, digest);
            if (reference instanceof Reference.ByTag byTag) {
                steps.both(revision, () -> tags.indexTag(name, byTag.tag(), digest));
                // the tag is listed from its history's write on: the list's new token may go with current
                steps.both(() -> tags.pointTag(name, byTag.tag(), digest), () -> tags.listChanged(name));
            } else {
                revision.run();
            }
        } finally {
            lock.unlock();
        }
        StoredManifest stored = new StoredManifest(digest, body, parsed);
        cache.put(stored);
        return stored;
    }

    /**
     * By tag: removes the tag only. By digest: removes the revision and every tag pointing at it; when it was the
     * repository's last manifest, the repository leaves the catalog. Blob data stays until garbage collection.
     */
    public void deleteManifest(RepositoryName name, Reference reference) throws IOException {
        if (reference instanceof Reference.ByTag byTag) {
            tags.untag(name, byTag.tag());
            return;
        }
        Digest digest = ((Reference.ByDigest) reference).digest();
        // A put into this repository between "no revision left" and removing _manifests would be lost: this
        // instance serialises the two; replicas sharing storage can still race there, as in registry:2.
        ReentrantLock lock = repositoryLocks.forKey(name.toString());
        lock.lock();
        try {
            try {
                driver.delete(RegistryLayout.revisionDir(name, digest));
            } catch (PathNotFoundException e) {
                throw unknown(reference);
            } finally {
                knownRevisions.forget(name, digest);
            }
            tags.untagAll(name, digest);
            if (listRevisions(name).isEmpty()) {
                try {
                    driver.delete(RegistryLayout.manifests(name));
                } catch (PathNotFoundException e) {
                    // already gone
                }
                tags.listChanged(name); // a tags list is NAME_UNKNOWN now
            }
        } finally {
            lock.unlock();
        }
    }

    /** Digests of every manifest revision in the repository (empty when none). */
    public List<Digest> listRevisions(RepositoryName name) throws IOException {
        String revisions = RegistryLayout.revisions(name);
        List<Digest> out = new ArrayList<>();
        List<String> algorithms;
        try {
            algorithms = driver.list(revisions);
        } catch (PathNotFoundException e) {
            return List.of();
        }
        for (String algorithm : algorithms) {
            List<String> hexes;
            try {
                hexes = driver.list(revisions + "/" + algorithm);
            } catch (PathNotFoundException e) {
                continue;
            }
            for (String hex : hexes) {
                Digest.tryParse(algorithm + ":" + hex).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The stored manifest with this digest, from the cache or storage. */
    public Optional<StoredManifest> load(Digest digest) throws IOException {
        StoredManifest cached = cache.get(digest);
        if (cached != null) {
            return Optional.of(cached);
        }
        byte[] bytes;
        try {
            bytes = driver.getContent(RegistryLayout.blobData(digest));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
        ParsedManifest parsed;
        try {
            parsed = ManifestParser.parse(bytes, null);
        } catch (RegistryException e) {
            throw new IOException("stored manifest " + digest + " cannot be read: " + e.getMessage());
        }
        StoredManifest stored = new StoredManifest(digest, bytes, parsed);
        cache.put(stored);
        return Optional.of(stored);
    }

    private void verifyReferences(RepositoryName name, ParsedManifest parsed) throws IOException {
        for (Descriptor child : parsed.manifests()) {
            if (!hasManifest(name, child.digest())) {
                throw blobUnknown(child);
            }
        }
        if (parsed.config().isPresent() && !blobs.isLinked(name, parsed.config().get().digest())) {
            throw blobUnknown(parsed.config().get());
        }
        for (Descriptor layer : parsed.layers()) {
            if (!layer.hasUrls() && !blobs.isLinked(name, layer.digest())) {
                throw blobUnknown(layer);
            }
        }
    }

    private static Digest digestOf(String algorithm, byte[] body) {
        String jca = "sha512".equals(algorithm) ? "SHA-512" : "SHA-256";
        MessageDigest md = UploadStore.newDigest(jca);
        return new Digest(algorithm, HexFormatter.hex(md.digest(body)));
    }

    private static RegistryException blobUnknown(Descriptor descriptor) {
        return new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, Map.of("digest", descriptor.digest().toString()));
    }

    private static RegistryException unknown(Reference reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, Map.of("reference", reference.toString()));
    }
}

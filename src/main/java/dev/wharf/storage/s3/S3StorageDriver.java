package dev.wharf.storage.s3;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.InvalidOffsetException;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import static dev.wharf.storage.s3.S3Errors.translate;

/**
 * Storage in an S3 bucket (or an S3-compatible server), under distribution's key layout: a path {@code /a/b} is the
 * key {@code <rootdirectory>/a/b}. Directories are key prefixes, so one exists exactly while an object lies below it.
 *
 * <p>Round trips per operation: getContent, putContent, stat of an object one each; move (copy + delete) two
 * when this instance just wrote or stat'ed the source, else three; stat of a directory two; reader one (two when
 * the offset is at the end); list one per 1000 children; delete of a directory one list, one ListMultipartUploads
 * and one DeleteObjects per 1000 keys, of an object one list, one HeadObject and one DeleteObject; a replacing
 * writer one PutObject for objects smaller than the chunk size, else one request per chunk plus two. An appending
 * writer: HeadObject, GetObject of the tail, one UploadPart per chunk filled, PutObject of the tail (and
 * CreateMultipartUpload when the first chunk fills); the first read or move of the object then completes its
 * upload with ListParts, UploadPartCopy of the tail and CompleteMultipartUpload (see {@link S3FileWriter}).
 */
public final class S3StorageDriver implements StorageDriver {
    /** The largest object a single CopyObject (or UploadPartCopy) accepts. */
    static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;
    /** The smallest part of a multipart upload other than the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int LIST_MAX = 1000;
    /** The part size of a multipart copy: few round trips (a 5 GiB object is 10 parts), well under S3's 10,000. */
    private static final long COPY_PART_SIZE = 512L * 1024 * 1024;
    /** How long a redirect URL stays valid: distribution's 20 minutes. */
    static final Duration REDIRECT_EXPIRY = Duration.ofMinutes(20);
    /** The bound on a health check, retries included: a probe must answer even when S3 does not. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    /** Built by the first request (see {@link S3Clients#driver}). */
    private final FirstUse<S3Client> client;
    /** Signs redirect URLs, built by the first one; null when the driver does not redirect. */
    private final FirstUse<S3Presigner> presigner;
    private final String bucket;
    /** {@code ""} or the root directory followed by {@code /}. */
    private final String prefix;
    private final int chunkSize;
    private final ObjectOptions options;
    /** The ETag and size of complete objects seen lately: see {@link RecentlyComplete}. */
    private final RecentlyComplete recentlyComplete = new RecentlyComplete();
    private final S3Objects objects;
    private final S3Multipart multipart;
    private final S3Move mover;
    private final S3Deletion deletion;

    /**
     * @param rootDirectory the key prefix ({@code REGISTRY_STORAGE_S3_ROOTDIRECTORY}); leading and trailing slashes
     *                      are ignored, {@code ""} stores at the bucket's top
     * @param chunkSize     the multipart part size, at least 5 MiB: also what a writer buffers in memory
     */
    public S3StorageDriver(S3Client client, String bucket, String rootDirectory, long chunkSize,
                           ObjectOptions options) {
        this(() -> client, null, bucket, rootDirectory, chunkSize, options, MAX_COPY_SIZE, COPY_PART_SIZE);
    }

    /**
     * As above, with the client {@code client} builds for the first request, answering {@link #redirectUrl} with GET
     * URLs signed by the presigner {@code presigner} builds when the first is asked for: what an idle registry has
     * not used yet costs it no memory (the SDK's client is ~1,200 classes).
     */
    public S3StorageDriver(Supplier<S3Client> client, Supplier<S3Presigner> presigner, String bucket,
                           String rootDirectory, long chunkSize, ObjectOptions options) {
        this(client, presigner, bucket, rootDirectory, chunkSize, options, MAX_COPY_SIZE, COPY_PART_SIZE);
    }

    /**
     * As above; objects larger than {@code multipartCopyThreshold} are moved with a multipart copy in parts of
     * {@code copyPartSize} (tests make both small).
     */
    S3StorageDriver(S3Client client, String bucket, String rootDirectory, long chunkSize, ObjectOptions options,
                    long multipartCopyThreshold, long copyPartSize) {
        this(() -> client, null, bucket, rootDirectory, chunkSize, options, multipartCopyThreshold, copyPartSize);
    }

    private S3StorageDriver(Supplier<S3Client> client, Supplier<S3Presigner> presigner, String bucket,
                            String rootDirectory, long chunkSize, ObjectOptions options, long multipartCopyThreshold,
                            long copyPartSize) {
        if (chunkSize < MIN_PART_SIZE || chunkSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk size must be from 5 MiB to 2 GiB: " + chunkSize);
        }
        this.client = new FirstUse<>(client);
        this.presigner = presigner == null ? null : new FirstUse<>(presigner);
        this.bucket = bucket;
        String root = rootDirectory == null ? "" : rootDirectory.replaceAll("^/+|/+$", "");
        this.prefix = root.isEmpty() ? "" : root + "/";
        this.chunkSize = (int) chunkSize;
        this.options = options;
        this.objects = new S3Objects(this.client, bucket, options, recentlyComplete);
        this.multipart = new S3Multipart(this.client, bucket, options, recentlyComplete);
        this.mover = new S3Move(this.client, bucket, options, recentlyComplete, objects, multipart,
                Math.min(multipartCopyThreshold, MAX_COPY_SIZE),
                Math.max(MIN_PART_SIZE, Math.min(copyPartSize, MAX_COPY_SIZE)));
        this.deletion = new S3Deletion(this.client, bucket, objects, multipart, recentlyComplete);
    }

    @Override
    public String name() {
        return "s3";
    }

    /** The object key of a valid path other than the root. */
    String key(String path) {
        return prefix + path.substring(1);
    }

    /** The prefix every key below a directory starts with. */
    private String directoryPrefix(String path) {
        return "/".equals(path) ? prefix : key(path) + "/";
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        if ("/".equals(StoragePaths.check(path))) {
            throw new PathNotFoundException(path);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            ResponseBytes<GetObjectResponse> object = getObjectAsBytes(path);
            if (Pending.of(object.response().metadata()) == null) {
                return object.asByteArray();
            }
            complete(path);
        }
        throw stillPending(path);
    }

    /** The object's own bytes: for a pending object, only its tail. */
    private ResponseBytes<GetObjectResponse> getObjectAsBytes(String path) throws IOException {
        return objects.getAsBytes(key(path), path);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        StoragePaths.checkObject(path);
        try {
            client.get().putObject(options.apply(PutObjectRequest.builder().bucket(bucket).key(key(path))).build(),
                    S3Objects.body(content, content.length));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "PutObject");
        }
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if ("/".equals(StoragePaths.check(path))) {
            throw new PathNotFoundException(path);
        }
        if (offset < 0) {
            head(path); // a missing object is PathNotFound whatever the offset
            throw new InvalidOffsetException(path, offset);
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key(path));
        if (offset > 0) {
            request.range("bytes=" + offset + "-");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            ObjectStream stream;
            try {
                stream = new ObjectStream(client.get().getObject(request.build()));
            } catch (S3Exception e) {
                if (e.statusCode() != 416) {
                    throw translate(e, path, "GetObject");
                }
                // the offset is at or past the end (of the object, or of a pending object's tail)
                long size = size(head(path));
                if (size == offset) {
                    return InputStream.nullInputStream();
                } else if (size < offset) {
                    throw new InvalidOffsetException(path, offset);
                }
                complete(path);
                continue;
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, path, "GetObject");
            }
            if (Pending.of(stream.response.response().metadata()) == null) {
                return stream;
            }
            stream.close();
            complete(path);
        }
        throw stillPending(path);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        StoragePaths.checkObject(path);
        String key = key(path);
        if (!append) {
            return S3FileWriter.empty(this, key, false);
        }
        HeadObjectResponse head;
        try {
            head = head(path);
        } catch (PathNotFoundException e) {
            return S3FileWriter.empty(this, key, true);
        }
        Pending pending = Pending.of(head.metadata());
        if (pending != null) {
            // the open upload goes on; its tail (less than a chunk) continues in memory
            byte[] tail = head.contentLength() == 0 ? null : getObjectAsBytes(path).asByteArray();
            return S3FileWriter.resuming(this, key, pending, tail);
        }
        if (head.contentLength() < chunkSize) {
            return S3FileWriter.continuing(this, key, getObjectAsBytes(path).asByteArray());
        }
        // a complete large object: part 1 of a new upload is a server-side copy of it, once
        return S3FileWriter.copying(this, key, head.contentLength());
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        if ("/".equals(StoragePaths.check(path))) {
            return new FileInfo(path, 0, Instant.EPOCH, true);
        }
        try {
            HeadObjectResponse head = head(path);
            return new FileInfo(path, size(head), head.lastModified(), false);
        } catch (PathNotFoundException e) {
            ListObjectsV2Response below = objects.list(ListObjectsV2Request.builder().prefix(directoryPrefix(path))
                    .maxKeys(1).build(), path);
            if (below.contents().isEmpty()) {
                throw e;
            }
            return new FileInfo(path, 0, below.contents().get(0).lastModified(), true);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        String directory = directoryPrefix(StoragePaths.check(path));
        TreeSet<String> names = new TreeSet<>();
        String token = null;
        do {
            ListObjectsV2Response page = objects.list(ListObjectsV2Request.builder().prefix(directory).delimiter("/")
                    .maxKeys(LIST_MAX).continuationToken(token).build(), path);
            for (CommonPrefix child : page.commonPrefixes()) {
                String name = child.prefix().substring(directory.length(), child.prefix().length() - 1);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            for (S3Object object : page.contents()) {
                String name = object.key().substring(directory.length());
                if (!name.isEmpty()) { // a "directory marker" key ending in / written by other tools
                    names.add(name);
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        if (names.isEmpty()) {
            throw new PathNotFoundException(path);
        }
        return new ArrayList<>(names);
    }

    /**
     * A server-side copy then a delete: the bytes never pass through Wharf. Objects above 5 GiB are copied with a
     * multipart upload of {@code UploadPartCopy} ranges. When this instance has just seen the source complete (see
     * {@link RecentlyComplete}), the copy is made only while the source still has that ETag, and no HeadObject is
     * needed; otherwise (or when the ETag changed) the source is read with HeadObject first, and a pending source is
     * completed before it is copied.
     */
    @Override
    public void move(String source, String destination) throws IOException {
        StoragePaths.checkObject(source);
        StoragePaths.checkObject(destination);
        mover.move(source, key(source), destination, key(destination));
    }

    /**
     * The copy of {@link #move}, then the deletion of the directory, whose listing takes the source along: one
     * DeleteObject fewer. Its ListMultipartUploads is needed only for content of at least the chunk size: a smaller
     * upload never opened a multipart upload (a writer opens one once it holds a chunk, and the data only grows), and
     * the copy completed any pending one of the source.
     */
    @Override
    public void moveThenDelete(String source, String destination, String directory) throws IOException {
        StoragePaths.checkObject(source);
        StoragePaths.checkObject(destination);
        String below = directoryPrefix(StoragePaths.check(directory));
        if ("/".equals(directory) || !key(source).startsWith(below) || key(destination).startsWith(below)) {
            StorageDriver.super.moveThenDelete(source, destination, directory);
            return;
        }
        long size = mover.copy(source, key(source), destination, key(destination));
        deletion.deleteBelow(below, null, directory);
        if (size >= chunkSize) {
            deletion.abortUploadsBelow(below, null, below, directory);
        }
    }

    /**
     * Deletes exactly the listed keys below the directory: one DeleteObject for one name (the usual case, an upload
     * session holding only its {@code startedat}), else one DeleteObjects, instead of a listing and a DeleteObjects.
     * No ListMultipartUploads: objects written whole never opened a multipart upload.
     */
    @Override
    public void deleteListed(String directory, List<String> names) throws IOException {
        String below = directoryPrefix(StoragePaths.check(directory));
        if ("/".equals(directory)) {
            StorageDriver.super.deleteListed(directory, names);
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String name : names) {
            StoragePaths.checkObject(directory + "/" + name);
            keys.add(below + name);
        }
        keys.forEach(recentlyComplete::remove);
        deletion.deleteKeys(keys, directory);
    }

    /**
     * Deletes the object at the path and every key below it, a page (up to 1000 keys) at a time with DeleteObjects,
     * and aborts the multipart uploads of a pending object at the path or of any key below a directory. A directory
     * costs one listing, one DeleteObjects (which takes the object at the path too, if any) and one
     * ListMultipartUploads; an object (nothing below it) the listing, a HeadObject and a DeleteObject.
     */
    @Override
    public void delete(String path) throws IOException {
        String directory = directoryPrefix(StoragePaths.check(path));
        String object = "/".equals(path) ? null : key(path);
        if (deletion.deleteBelow(directory, object, path) || object == null) { // the root always exists
            deletion.abortUploadsBelow(object == null ? directory : object, object, directory, path);
            return;
        }
        try {
            Pending pending = Pending.of(head(path).metadata());
            client.get().deleteObject(request -> request.bucket(bucket).key(object));
            recentlyComplete.remove(object);
            if (pending != null) {
                deletion.abortQuietly(object, pending.uploadId());
            }
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "DeleteObject");
        }
    }

    /** Closes the S3 client and the presigner, which this driver owns, if they were built. */
    @Override
    public void close() {
        if (presigner != null) {
            presigner.close();
        }
        client.close();
    }

    // ---- pending objects (see S3FileWriter)

    /** The size of the content at a key: for a pending object, its parts and its tail. */
    private static long size(HeadObjectResponse head) {
        Pending pending = Pending.of(head.metadata());
        return head.contentLength() + (pending == null ? 0 : pending.partBytes());
    }

    /**
     * Turns a pending object into a complete one, in place: its tail is copied in as the last part, then the upload
     * is completed (a few requests, none of them moving the parts' bytes). Does nothing to a complete object.
     */
    private void complete(String path) throws IOException {
        multipart.complete(path, key(path), head(path));
    }

    private static IOException stillPending(String path) {
        return new IOException("S3 object " + path + " is still pending after completing it: a concurrent append?");
    }

    /**
     * A presigned GetObject URL, valid for {@link #REDIRECT_EXPIRY}; S3 honours {@code Range} on it. Only GET: HEAD
     * and anything else is empty. Signing is local, no request is made.
     */
    @Override
    public Optional<URI> redirectUrl(String path, String method) {
        if (presigner == null || !"GET".equals(method) || "/".equals(StoragePaths.check(path))) {
            return Optional.empty();
        }
        try {
            return Optional.of(presigner.get().presignGetObject(request -> request.signatureDuration(REDIRECT_EXPIRY)
                    .getObjectRequest(get -> get.bucket(bucket).key(key(path)))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigned URL of " + path, e);
        }
    }

    /** One HeadBucket, bounded by {@link #HEALTH_TIMEOUT} retries included: the bucket exists and we may use it. */
    @Override
    public void checkHealth() throws IOException {
        try {
            client.get().headBucket(request -> request.bucket(bucket)
                    .overrideConfiguration(override -> override.apiCallTimeout(HEALTH_TIMEOUT)));
        } catch (SdkException | UncheckedIOException e) {
            // not translate(): a missing bucket (404) is a failure here, never an empty directory
            throw new IOException("S3 HeadBucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    // ---- helpers shared with S3FileWriter

    int chunkSize() {
        return chunkSize;
    }

    S3Multipart multipart() {
        return multipart;
    }

    private HeadObjectResponse head(String path) throws IOException {
        return objects.head(key(path), path);
    }

    /** Stores an object, pending (see {@link S3FileWriter}) when {@code pending} is given. */
    void putObject(String key, byte[] content, int length, Pending pending) throws IOException {
        objects.put(key, content, length, pending);
    }
}

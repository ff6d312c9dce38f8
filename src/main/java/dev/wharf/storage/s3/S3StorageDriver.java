package dev.wharf.storage.s3;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.InvalidOffsetException;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
    private static final int RECENT_MAX = 4096;
    /** The part size of a multipart copy: few round trips (a 5 GiB object is 10 parts), well under S3's 10,000. */
    private static final long COPY_PART_SIZE = 512L * 1024 * 1024;
    /** How long a redirect URL stays valid: distribution's 20 minutes. */
    static final Duration REDIRECT_EXPIRY = Duration.ofMinutes(20);
    /** The bound on a health check, retries included: a probe must answer even when S3 does not. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client client;
    /** Signs redirect URLs; null when the driver does not redirect. */
    private final S3Presigner presigner;
    private final String bucket;
    /** {@code ""} or the root directory followed by {@code /}. */
    private final String prefix;
    private final int chunkSize;
    private final ObjectOptions options;
    private final long multipartCopyThreshold;
    private final long copyPartSize;
    /**
     * The ETag and size of complete objects this instance wrote or read with HeadObject lately, so that the move
     * at the end of an upload (just after its stat) needs no HeadObject: the copy is conditional on the ETag, so a
     * stale entry costs a HeadObject more, not a wrong copy. (Only another instance appending to the object between
     * the stat and the move, leaving a pending tail byte for byte equal to the object seen, could pass the
     * condition; a HeadObject before the copy has the same window, unconditionally.) Bounded: a forgotten entry only
     * means a HeadObject.
     */
    private final Map<String, Known> recentlyComplete = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                    return size() > RECENT_MAX;
                }
            });

    /**
     * @param rootDirectory the key prefix ({@code REGISTRY_STORAGE_S3_ROOTDIRECTORY}); leading and trailing slashes
     *                      are ignored, {@code ""} stores at the bucket's top
     * @param chunkSize     the multipart part size, at least 5 MiB: also what a writer buffers in memory
     */
    public S3StorageDriver(S3Client client, String bucket, String rootDirectory, long chunkSize,
                           ObjectOptions options) {
        this(client, null, bucket, rootDirectory, chunkSize, options, MAX_COPY_SIZE, COPY_PART_SIZE);
    }

    /** As above, answering {@link #redirectUrl} with GET URLs signed by {@code presigner}. */
    public S3StorageDriver(S3Client client, S3Presigner presigner, String bucket, String rootDirectory,
                           long chunkSize, ObjectOptions options) {
        this(client, presigner, bucket, rootDirectory, chunkSize, options, MAX_COPY_SIZE, COPY_PART_SIZE);
    }

    /**
     * As above; objects larger than {@code multipartCopyThreshold} are moved with a multipart copy in parts of
     * {@code copyPartSize} (tests make both small).
     */
    S3StorageDriver(S3Client client, String bucket, String rootDirectory, long chunkSize, ObjectOptions options,
                    long multipartCopyThreshold, long copyPartSize) {
        this(client, null, bucket, rootDirectory, chunkSize, options, multipartCopyThreshold, copyPartSize);
    }

    private S3StorageDriver(S3Client client, S3Presigner presigner, String bucket, String rootDirectory,
                            long chunkSize, ObjectOptions options, long multipartCopyThreshold, long copyPartSize) {
        if (chunkSize < MIN_PART_SIZE || chunkSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk size must be from 5 MiB to 2 GiB: " + chunkSize);
        }
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        String root = rootDirectory == null ? "" : rootDirectory.replaceAll("^/+|/+$", "");
        this.prefix = root.isEmpty() ? "" : root + "/";
        this.chunkSize = (int) chunkSize;
        this.options = options;
        this.multipartCopyThreshold = Math.min(multipartCopyThreshold, MAX_COPY_SIZE);
        this.copyPartSize = Math.max(MIN_PART_SIZE, Math.min(copyPartSize, MAX_COPY_SIZE));
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
        try {
            return client.getObjectAsBytes(request -> request.bucket(bucket).key(key(path)));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "GetObject");
        }
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        StoragePaths.checkObject(path);
        try {
            client.putObject(options.apply(PutObjectRequest.builder().bucket(bucket).key(key(path))).build(),
                    RequestBody.fromBytes(content));
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
                stream = new ObjectStream(client.getObject(request.build()));
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
            ListObjectsV2Response below = list(ListObjectsV2Request.builder().prefix(directoryPrefix(path))
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
            ListObjectsV2Response page = list(ListObjectsV2Request.builder().prefix(directory).delimiter("/")
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
     * {@link #recentlyComplete}), the copy is made only while the source still has that ETag, and no HeadObject is
     * needed; otherwise (or when the ETag changed) the source is read with HeadObject first, and a pending source is
     * completed before it is copied.
     */
    @Override
    public void move(String source, String destination) throws IOException {
        StoragePaths.checkObject(source);
        StoragePaths.checkObject(destination);
        String from = key(source);
        String to = key(destination);
        Known known = source.equals(destination) ? null : recentlyComplete.remove(from);
        if (known != null && known.size() <= multipartCopyThreshold) {
            try {
                client.copyObject(options.apply(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
                        .copySourceIfMatch(known.eTag()).destinationBucket(bucket).destinationKey(to)).build());
                client.deleteObject(request -> request.bucket(bucket).key(from));
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 412) {
                    throw translate(e, source, "move to " + destination);
                }
                // changed since (appended to by another instance?): read it again below
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, source, "move to " + destination);
            }
        }
        HeadObjectResponse head = head(source);
        if (source.equals(destination)) {
            return;
        }
        if (Pending.of(head.metadata()) != null) {
            complete(source, head);
            head = head(source);
        }
        recentlyComplete.remove(from);
        long size = head.contentLength();
        try {
            if (size > multipartCopyThreshold) {
                multipartCopy(from, to, size, Math.max(copyPartSize, ceilDiv(size, 10_000)));
            } else {
                client.copyObject(options.apply(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
                        .destinationBucket(bucket).destinationKey(to)).build());
            }
            client.deleteObject(request -> request.bucket(bucket).key(from));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, source, "move to " + destination);
        }
    }

    /** Copies {@code from} to {@code to} in parts of {@code partSize} bytes (at most 5 GiB each). */
    private void multipartCopy(String from, String to, long size, long partSize) throws IOException {
        long part = Math.min(partSize, MAX_COPY_SIZE);
        String uploadId = createMultipartUpload(to);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += part) {
                long end = Math.min(start + part, size) - 1;
                parts.add(copyPart(to, uploadId, parts.size() + 1, from, start, end));
            }
            completeMultipartUpload(to, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            abortMultipartUpload(to, uploadId, e);
            throw e;
        }
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
        if (deleteBelow(directory, object, path) || object == null) { // the root always exists
            abortUploadsBelow(object == null ? directory : object, object, directory, path);
            return;
        }
        try {
            Pending pending = Pending.of(head(path).metadata());
            client.deleteObject(request -> request.bucket(bucket).key(object));
            recentlyComplete.remove(object);
            if (pending != null) {
                abortQuietly(object, pending.uploadId());
            }
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "DeleteObject");
        }
    }

    /**
     * Deletes every key below the directory prefix and, when there is one, the key {@code object} along with the
     * first page (a DeleteObjects of a missing key succeeds). Returns false, deleting nothing, when nothing lies
     * below the prefix.
     */
    private boolean deleteBelow(String directory, String object, String path) throws IOException {
        boolean found = false;
        String token = null;
        do {
            // one key less than DeleteObjects takes, to leave room for the object
            ListObjectsV2Response page = list(ListObjectsV2Request.builder().prefix(directory).maxKeys(LIST_MAX - 1)
                    .continuationToken(token).build(), path);
            if (!page.contents().isEmpty()) {
                List<ObjectIdentifier> keys = new ArrayList<>(page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList());
                if (!found && object != null) {
                    keys.add(ObjectIdentifier.builder().key(object).build());
                    recentlyComplete.remove(object);
                }
                found = true;
                deleteObjects(keys, path);
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return found;
    }

    /**
     * Aborts the multipart uploads (pending appends, writers that died before commit) to {@code object} (when given)
     * or to keys below the directory prefix, listing those whose key starts with {@code listed}.
     */
    private void abortUploadsBelow(String listed, String object, String directory, String path) throws IOException {
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            ListMultipartUploadsResponse page;
            try {
                page = client.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(bucket)
                        .prefix(listed).keyMarker(keyMarker).uploadIdMarker(uploadIdMarker).build());
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, path, "ListMultipartUploads");
            }
            for (MultipartUpload upload : page.uploads()) {
                if (upload.key().equals(object) || upload.key().startsWith(directory)) { // not a sibling's
                    abortQuietly(upload.key(), upload.uploadId());
                }
            }
            boolean more = Boolean.TRUE.equals(page.isTruncated());
            keyMarker = more ? page.nextKeyMarker() : null;
            uploadIdMarker = more ? page.nextUploadIdMarker() : null;
        } while (keyMarker != null);
    }

    /** Aborts an upload that may be gone already (aborted or completed by someone else). */
    private void abortQuietly(String key, String uploadId) throws IOException {
        try {
            abortMultipartUpload(key, uploadId, null);
        } catch (PathNotFoundException e) {
            // NoSuchUpload
        }
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
        complete(path, head(path));
    }

    /** As above, given the object's HeadObject. */
    private void complete(String path, HeadObjectResponse head) throws IOException {
        Pending pending = Pending.of(head.metadata());
        if (pending == null) {
            return;
        }
        String key = key(path);
        List<CompletedPart> parts = committedParts(path, key, pending);
        if (head.contentLength() > 0) {
            // the tail as it was at HeadObject: had it changed since, its metadata may name other parts
            parts.add(copyPart(key, pending.uploadId(), pending.parts() + 1, key, 0, head.contentLength() - 1,
                    head.eTag()));
        }
        completeMultipartUpload(key, pending.uploadId(), parts);
    }

    /** Parts {@code 1..pending.parts()} of the pending upload, checked against the sizes the object names. */
    private List<CompletedPart> committedParts(String path, String key, Pending pending) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        long bytes = 0;
        Integer marker = null;
        do {
            ListPartsResponse page;
            try {
                page = client.listParts(ListPartsRequest.builder().bucket(bucket).key(key)
                        .uploadId(pending.uploadId()).partNumberMarker(marker).build());
            } catch (SdkException | UncheckedIOException e) {
                throw new IOException("S3 ListParts " + path + ": the pending upload " + pending.uploadId()
                        + " is gone (aborted by a lifecycle rule?): " + e.getMessage(), e);
            }
            for (Part part : page.parts()) {
                if (part.partNumber() <= pending.parts()) {
                    parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
                    bytes += part.size();
                }
            }
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextPartNumberMarker() : null;
        } while (marker != null);
        if (parts.size() != pending.parts() || bytes != pending.partBytes()) {
            throw new IOException("S3 pending upload " + pending.uploadId() + " of " + path + " holds " + parts.size()
                    + " parts of " + bytes + " bytes, not " + pending.parts() + " of " + pending.partBytes());
        }
        return parts;
    }

    private static IOException stillPending(String path) {
        return new IOException("S3 object " + path + " is still pending after completing it: a concurrent append?");
    }

    private void deleteObjects(List<ObjectIdentifier> keys, String path) throws IOException {
        DeleteObjectsResponse response;
        try {
            response = client.deleteObjects(request -> request.bucket(bucket)
                    .delete(Delete.builder().objects(keys).quiet(true).build()));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "DeleteObjects");
        }
        if (!response.errors().isEmpty()) {
            throw new IOException("S3 DeleteObjects under " + path + " failed for " + response.errors().size()
                    + " keys, e.g. " + response.errors().get(0).key() + ": " + response.errors().get(0).message());
        }
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
            return Optional.of(presigner.presignGetObject(request -> request.signatureDuration(REDIRECT_EXPIRY)
                    .getObjectRequest(get -> get.bucket(bucket).key(key(path)))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigned URL of " + path, e);
        }
    }

    /** One HeadBucket, bounded by {@link #HEALTH_TIMEOUT} retries included: the bucket exists and we may use it. */
    @Override
    public void checkHealth() throws IOException {
        try {
            client.headBucket(request -> request.bucket(bucket)
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

    private HeadObjectResponse head(String path) throws IOException {
        String key = key(path);
        HeadObjectResponse head;
        try {
            head = client.headObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException | UncheckedIOException e) {
            recentlyComplete.remove(key);
            throw translate(e, path, "HeadObject");
        }
        if (Pending.of(head.metadata()) == null && head.eTag() != null) {
            recentlyComplete.put(key, new Known(head.eTag(), head.contentLength()));
        } else {
            recentlyComplete.remove(key);
        }
        return head;
    }

    private ListObjectsV2Response list(ListObjectsV2Request request, String path) throws IOException {
        try {
            return client.listObjectsV2(request.toBuilder().bucket(bucket).build());
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "ListObjectsV2");
        }
    }

    /** Stores an object, pending (see {@link S3FileWriter}) when {@code pending} is given. */
    void putObject(String key, byte[] content, int length, Pending pending) throws IOException {
        PutObjectRequest.Builder request = options.apply(PutObjectRequest.builder().bucket(bucket).key(key)
                .contentLength((long) length));
        if (pending != null) {
            request.metadata(pending.metadata());
        }
        recentlyComplete.remove(key);
        String eTag;
        try {
            eTag = client.putObject(request.build(), RequestBody.fromByteBuffer(
                    java.nio.ByteBuffer.wrap(content, 0, length))).eTag();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "PutObject");
        }
        if (pending == null && eTag != null) {
            recentlyComplete.put(key, new Known(eTag, length));
        }
    }

    String createMultipartUpload(String key) throws IOException {
        try {
            return client.createMultipartUpload(options.apply(CreateMultipartUploadRequest.builder()
                    .bucket(bucket).key(key)).build()).uploadId();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "CreateMultipartUpload");
        }
    }

    CompletedPart uploadPart(String key, String uploadId, int number, byte[] content, int length)
            throws IOException {
        try {
            String etag = client.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length),
                    RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(content, 0, length))).eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "UploadPart");
        }
    }

    /** Part {@code number} of the upload to {@code key} is bytes {@code first..last} of the object {@code source}. */
    CompletedPart copyPart(String key, String uploadId, int number, String source, long first, long last)
            throws IOException {
        return copyPart(key, uploadId, number, source, first, last, null);
    }

    /** As above, only while the source's ETag is {@code sourceETag} (any when null). */
    CompletedPart copyPart(String key, String uploadId, int number, String source, long first, long last,
                           String sourceETag) throws IOException {
        try {
            String etag = client.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey(source)
                    .copySourceIfMatch(sourceETag)
                    .copySourceRange("bytes=" + first + "-" + last).destinationBucket(bucket).destinationKey(key)
                    .uploadId(uploadId).partNumber(number)).copyPartResult().eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "UploadPartCopy");
        }
    }

    void completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) throws IOException {
        recentlyComplete.remove(key);
        try {
            client.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)).build());
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "CompleteMultipartUpload");
        }
    }

    /** Aborts the upload; a failure to do so is added to {@code cause} when given, thrown otherwise. */
    void abortMultipartUpload(String key, String uploadId, Exception cause) throws IOException {
        try {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException | UncheckedIOException e) {
            if (cause == null) {
                throw translate(e, key, "AbortMultipartUpload");
            }
            cause.addSuppressed(e);
        }
    }

    /** A missing key (404, but not a missing bucket) is {@link PathNotFoundException}; any other failure an {@link IOException}. */
    private static IOException translate(RuntimeException e, String path, String operation) {
        if (e instanceof S3Exception s3 && s3.statusCode() == 404 && !(s3.awsErrorDetails() != null
                && "NoSuchBucket".equals(s3.awsErrorDetails().errorCode()))) {
            return new PathNotFoundException(path);
        }
        return new IOException("S3 " + operation + " " + path + ": " + e.getMessage(), e);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** A complete object as last seen: its ETag and size. */
    private record Known(String eTag, long size) {
    }

    /** The body of a GetObject; closing it before the end aborts the connection instead of draining it. */
    private static final class ObjectStream extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        ObjectStream(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }
}

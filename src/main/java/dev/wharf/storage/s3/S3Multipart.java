package dev.wharf.storage.s3;

import dev.wharf.storage.PathNotFoundException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.wharf.storage.s3.S3Errors.translate;

/** The S3 driver's multipart uploads: their requests, multipart copies and the completion of pending objects. */
final class S3Multipart {
    private static final Logger LOG = Logger.getLogger(S3Multipart.class);

    private final Supplier<S3Client> client;
    private final String bucket;
    private final ObjectOptions options;
    private final RecentlyComplete recentlyComplete;

    S3Multipart(Supplier<S3Client> client, String bucket, ObjectOptions options, RecentlyComplete recentlyComplete) {
        this.client = client;
        this.bucket = bucket;
        this.options = options;
        this.recentlyComplete = recentlyComplete;
    }

    /**
     * Turns a pending object into a complete one, in place: its tail is copied in as the last part, then the upload
     * is completed (a few requests, none of them moving the parts' bytes). Does nothing to a complete object.
     * {@code head} is the object's HeadObject, {@code key} its key.
     */
    void complete(String path, String key, HeadObjectResponse head) throws IOException {
        Pending pending = Pending.of(head.metadata());
        if (pending == null) {
            return;
        }
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
                page = client.get().listParts(ListPartsRequest.builder().bucket(bucket).key(key)
                        .uploadId(pending.uploadId()).partNumberMarker(marker).build());
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    throw lost(path, key, pending);
                }
                throw translate(e, path, "ListParts");
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, path, "ListParts");
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
            throw lost(path, key, pending);
        }
        return parts;
    }

    /**
     * The parts a pending object names are gone: its multipart upload was aborted (by a bucket lifecycle rule such as
     * AbortIncompleteMultipartUpload, or by hand), so its content is lost and the object counts as missing. Unless
     * another instance completed or replaced the object meanwhile (its metadata no longer names that upload): then
     * this is a race, failed as such, and nothing is lost.
     */
    private IOException lost(String path, String key, Pending pending) throws IOException {
        Pending now;
        try {
            now = Pending.of(client.get().headObject(request -> request.bucket(bucket).key(key)).metadata());
        } catch (SdkException | UncheckedIOException e) {
            return translate(e, path, "HeadObject");
        }
        if (now == null || !now.uploadId().equals(pending.uploadId())) {
            return new IOException("S3 object " + path + " changed while its upload " + pending.uploadId()
                    + " was being completed");
        }
        LOG.warnf("S3 object %s lost its content: its multipart upload %s was aborted (a lifecycle rule?)",
                path, pending.uploadId());
        recentlyComplete.remove(key);
        return new PathNotFoundException(path, "its multipart upload " + pending.uploadId() + " was aborted");
    }

    /** Copies {@code from} to {@code to} in parts of {@code partSize} bytes (at most 5 GiB each). */
    void multipartCopy(String from, String to, long size, long partSize) throws IOException {
        long part = Math.min(partSize, S3StorageDriver.MAX_COPY_SIZE);
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

    String createMultipartUpload(String key) throws IOException {
        try {
            return client.get().createMultipartUpload(options.apply(CreateMultipartUploadRequest.builder()
                    .bucket(bucket).key(key)).build()).uploadId();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "CreateMultipartUpload");
        }
    }

    CompletedPart uploadPart(String key, String uploadId, int number, byte[] content, int length)
            throws IOException {
        try {
            String etag = client.get().uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length),
                    S3Objects.body(content, length)).eTag();
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
            String etag = client.get().uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey(source)
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
            client.get().completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)).build());
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "CompleteMultipartUpload");
        }
    }

    /** Aborts the upload; a failure to do so is added to {@code cause} when given, thrown otherwise. */
    void abortMultipartUpload(String key, String uploadId, Exception cause) throws IOException {
        try {
            client.get().abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException | UncheckedIOException e) {
            if (cause == null) {
                throw translate(e, key, "AbortMultipartUpload");
            }
            cause.addSuppressed(e);
        }
    }
}

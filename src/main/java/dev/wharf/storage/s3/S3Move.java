package dev.wharf.storage.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import static dev.wharf.storage.s3.S3Errors.translate;

/** The S3 driver's move: a server-side copy (conditional when the source was seen lately), then a delete. */
final class S3Move {
    private final Supplier<S3Client> client;
    private final String bucket;
    private final ObjectOptions options;
    private final RecentlyComplete recentlyComplete;
    private final S3Objects objects;
    private final S3Multipart multipart;
    private final long multipartCopyThreshold;
    private final long copyPartSize;

    S3Move(Supplier<S3Client> client, String bucket, ObjectOptions options, RecentlyComplete recentlyComplete,
           S3Objects objects, S3Multipart multipart, long multipartCopyThreshold, long copyPartSize) {
        this.client = client;
        this.bucket = bucket;
        this.options = options;
        this.recentlyComplete = recentlyComplete;
        this.objects = objects;
        this.multipart = multipart;
        this.multipartCopyThreshold = multipartCopyThreshold;
        this.copyPartSize = copyPartSize;
    }

    /** Moves the object at {@code from} (the path {@code source}) to {@code to} (the path {@code destination}). */
    void move(String source, String from, String destination, String to) throws IOException {
        if (copy(source, from, destination, to) >= 0) {
            deleteSource(source, from, destination);
        }
    }

    /**
     * Copies the object at {@code from} to {@code to}, completing it first when it is pending (so no multipart upload
     * of it stays open), and returns its size; -1, doing nothing, when source and destination are the same.
     */
    long copy(String source, String from, String destination, String to) throws IOException {
        RecentlyComplete.Known known = source.equals(destination) ? null : recentlyComplete.remove(from);
        if (known != null && known.size() <= multipartCopyThreshold) {
            try {
                client.get().copyObject(options.apply(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
                        .copySourceIfMatch(known.eTag()).destinationBucket(bucket).destinationKey(to)).build());
                return known.size();
            } catch (S3Exception e) {
                if (e.statusCode() != 412) {
                    throw translate(e, source, "move to " + destination);
                }
                // changed since (appended to by another instance?): read it again below
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, source, "move to " + destination);
            }
        }
        HeadObjectResponse head = objects.head(from, source);
        if (source.equals(destination)) {
            return -1;
        }
        if (Pending.of(head.metadata()) != null) {
            multipart.complete(source, from, head);
            head = objects.head(from, source);
        }
        recentlyComplete.remove(from);
        long size = head.contentLength();
        try {
            if (size > multipartCopyThreshold) {
                multipart.multipartCopy(from, to, size, Math.max(copyPartSize, ceilDiv(size, 10_000)));
            } else {
                client.get().copyObject(options.apply(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
                        .destinationBucket(bucket).destinationKey(to)).build());
            }
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, source, "move to " + destination);
        }
        return size;
    }

    private void deleteSource(String source, String from, String destination) throws IOException {
        try {
            client.get().deleteObject(request -> request.bucket(bucket).key(from));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, source, "move to " + destination);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

package dev.wharf.storage.s3;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import static dev.wharf.storage.s3.S3Errors.translate;

/** The S3 driver's requests on single objects and listings, keeping {@link RecentlyComplete} up to date. */
final class S3Objects {
    private final Supplier<S3Client> client;
    private final String bucket;
    private final ObjectOptions options;
    private final RecentlyComplete recentlyComplete;

    S3Objects(Supplier<S3Client> client, String bucket, ObjectOptions options, RecentlyComplete recentlyComplete) {
        this.client = client;
        this.bucket = bucket;
        this.options = options;
        this.recentlyComplete = recentlyComplete;
    }

    /** HeadObject of the object at {@code key} (the path {@code path}), remembering it when complete. */
    HeadObjectResponse head(String key, String path) throws IOException {
        HeadObjectResponse head;
        try {
            head = client.get().headObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException | UncheckedIOException e) {
            recentlyComplete.remove(key);
            throw translate(e, path, "HeadObject");
        }
        if (Pending.of(head.metadata()) == null && head.eTag() != null) {
            recentlyComplete.put(key, head.eTag(), head.contentLength());
        } else {
            recentlyComplete.remove(key);
        }
        return head;
    }

    /** The object's own bytes: for a pending object, only its tail. */
    ResponseBytes<GetObjectResponse> getAsBytes(String key, String path) throws IOException {
        try {
            return client.get().getObjectAsBytes(request -> request.bucket(bucket).key(key));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "GetObject");
        }
    }

    /** Stores an object, pending (see {@link S3FileWriter}) when {@code pending} is given. */
    void put(String key, byte[] content, int length, Pending pending) throws IOException {
        PutObjectRequest.Builder request = options.apply(PutObjectRequest.builder().bucket(bucket).key(key)
                .contentLength((long) length));
        if (pending != null) {
            request.metadata(pending.metadata());
        }
        recentlyComplete.remove(key);
        String eTag;
        try {
            eTag = client.get().putObject(request.build(), S3Objects.body(content, length)).eTag();
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, key, "PutObject");
        }
        if (pending == null && eTag != null) {
            recentlyComplete.put(key, eTag, length);
        }
    }

    /** One page of ListObjectsV2 in the bucket. */
    ListObjectsV2Response list(ListObjectsV2Request request, String path) throws IOException {
        try {
            return client.get().listObjectsV2(request.toBuilder().bucket(bucket).build());
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "ListObjectsV2");
        }
    }

    /**
     * The first {@code length} bytes of {@code content} as a request body, read in place (and again on a retry):
     * {@link RequestBody#fromByteBuffer} would copy them, doubling the memory of every part in flight (a 10 MiB part
     * per upload), which is what ran a {@code -Xmx128m} Wharf out of heap under four concurrent uploads. The caller
     * leaves the array alone until the request returns.
     */
    static RequestBody body(byte[] content, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length,
                "application/octet-stream");
    }
}

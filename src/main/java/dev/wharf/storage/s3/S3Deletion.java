package dev.wharf.storage.s3;

import dev.wharf.storage.PathNotFoundException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.wharf.storage.s3.S3Errors.translate;

/** The S3 driver's deletion of directories: the keys below a prefix and the multipart uploads to them. */
final class S3Deletion {
    /** The most keys one DeleteObjects takes. */
    private static final int DELETE_MAX = 1000;

    private final Supplier<S3Client> client;
    private final String bucket;
    private final S3Objects objects;
    private final S3Multipart multipart;
    private final RecentlyComplete recentlyComplete;

    S3Deletion(Supplier<S3Client> client, String bucket, S3Objects objects, S3Multipart multipart,
               RecentlyComplete recentlyComplete) {
        this.client = client;
        this.bucket = bucket;
        this.objects = objects;
        this.multipart = multipart;
        this.recentlyComplete = recentlyComplete;
    }

    /**
     * Deletes every key below the directory prefix and, when there is one, the key {@code object} along with the
     * first page (a DeleteObjects of a missing key succeeds). Returns false, deleting nothing, when nothing lies
     * below the prefix.
     */
    boolean deleteBelow(String directory, String object, String path) throws IOException {
        boolean found = false;
        String token = null;
        do {
            // one key less than DeleteObjects takes, to leave room for the object
            ListObjectsV2Response page = objects.list(ListObjectsV2Request.builder().prefix(directory)
                    .maxKeys(DELETE_MAX - 1).continuationToken(token).build(), path);
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

    /** Deletes the keys (a missing one is no error): one DeleteObject for one key, else DeleteObjects by 1000. */
    void deleteKeys(List<String> keys, String path) throws IOException {
        if (keys.size() == 1) {
            try {
                client.get().deleteObject(request -> request.bucket(bucket).key(keys.get(0)));
            } catch (SdkException | UncheckedIOException e) {
                throw translate(e, path, "DeleteObject");
            }
            return;
        }
        for (int from = 0; from < keys.size(); from += DELETE_MAX) {
            deleteObjects(keys.subList(from, Math.min(keys.size(), from + DELETE_MAX)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList(), path);
        }
    }

    /**
     * Aborts the multipart uploads (pending appends, writers that died before commit) to {@code object} (when given)
     * or to keys below the directory prefix, listing those whose key starts with {@code listed}.
     */
    void abortUploadsBelow(String listed, String object, String directory, String path) throws IOException {
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            ListMultipartUploadsResponse page;
            try {
                page = client.get().listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(bucket)
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
    void abortQuietly(String key, String uploadId) throws IOException {
        try {
            multipart.abortMultipartUpload(key, uploadId, null);
        } catch (PathNotFoundException e) {
            // NoSuchUpload
        }
    }

    private void deleteObjects(List<ObjectIdentifier> keys, String path) throws IOException {
        DeleteObjectsResponse response;
        try {
            response = client.get().deleteObjects(request -> request.bucket(bucket)
                    .delete(Delete.builder().objects(keys).quiet(true).build()));
        } catch (SdkException | UncheckedIOException e) {
            throw translate(e, path, "DeleteObjects");
        }
        if (!response.errors().isEmpty()) {
            throw new IOException("S3 DeleteObjects under " + path + " failed for " + response.errors().size()
                    + " keys, e.g. " + response.errors().get(0).key() + ": " + response.errors().get(0).message());
        }
    }
}

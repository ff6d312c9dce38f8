package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.S3Proxy;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.net.URI;
import java.util.List;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patch;
import static dev.wharf.testsupport.Uploads.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link UploadChunkApiTest} on the S3 driver (S3Proxy), and what only S3 can do to an upload's chunks. */
@QuarkusTest
@TestProfile(S3Profile.class)
class UploadChunkApiS3Test extends UploadChunkApiTest {
    private static final int MiB = 1024 * 1024;

    @ConfigProperty(name = "registry.storage.s3.regionendpoint")
    URI endpoint;

    /**
     * A bucket lifecycle rule (AbortIncompleteMultipartUpload, as S3 operators set) aborted the multipart upload that
     * held an upload's chunks: the bytes are gone, so the session is unknown from then on, never a 500, and the
     * client starts again.
     */
    @Test
    void anUploadWhoseMultipartUploadTheBucketAbortedIsUnknown() {
        String repo = TestBlobs.uniqueRepository("uploads/s3-aborted");
        byte[] head = TestBlobs.random(1000, 80);
        byte[] first = TestBlobs.random(6 * MiB, 81);
        byte[] last = TestBlobs.random(1000, 82);
        String location = patch(start(repo), head, 0).header("Location");
        location = patch(location, first, head.length).header("Location");
        try (S3Client s3 = S3Proxy.client(endpoint)) {
            List<MultipartUpload> open = s3.listMultipartUploads(request -> request.bucket("registry")
                    .prefix("wharf/docker/registry/v2/repositories/" + repo + "/")).uploads();
            assertFalse(open.isEmpty(), "an append above the part size leaves a multipart upload open");
            open.forEach(upload -> s3.abortMultipartUpload(request -> request.bucket("registry")
                    .key(upload.key()).uploadId(upload.uploadId())));
        }
        byte[] whole = new byte[head.length + first.length + last.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(first, 0, whole, head.length, first.length);
        System.arraycopy(last, 0, whole, head.length + first.length, last.length);
        assertErrors(complete(location, TestBlobs.sha256(whole), last), ErrorCode.BLOB_UPLOAD_UNKNOWN);
        assertErrors(given().get(location), ErrorCode.BLOB_UPLOAD_UNKNOWN);

        String again = patch(start(repo), whole, 0).header("Location");
        assertEquals(201, complete(again, TestBlobs.sha256(whole), new byte[0]).statusCode());
    }
}

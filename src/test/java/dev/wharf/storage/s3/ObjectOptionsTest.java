package dev.wharf.storage.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@link ObjectOptions} (REGISTRY_STORAGE_S3_ENCRYPT, _KEYID, _STORAGECLASS) puts on the requests that create
 * objects.
 */
class ObjectOptionsTest {
    @Test
    void encryptionAndStorageClassAreRequestedForNewObjects() {
        PutObjectRequest kms = new ObjectOptions(true, Optional.of("key-1"), "REDUCED_REDUNDANCY")
                .apply(PutObjectRequest.builder()).build();
        assertEquals(ServerSideEncryption.AWS_KMS, kms.serverSideEncryption());
        assertEquals("key-1", kms.ssekmsKeyId());
        assertEquals(StorageClass.REDUCED_REDUNDANCY, kms.storageClass());
        CreateMultipartUploadRequest aes = new ObjectOptions(true, Optional.empty(), "NONE")
                .apply(CreateMultipartUploadRequest.builder()).build();
        assertEquals(ServerSideEncryption.AES256, aes.serverSideEncryption());
        assertEquals(null, aes.storageClass(), "NONE sends no storage class");
        CopyObjectRequest plain = ObjectOptions.DEFAULT.apply(CopyObjectRequest.builder()).build();
        assertEquals(null, plain.serverSideEncryption());
        assertEquals(StorageClass.STANDARD, plain.storageClass());
    }
}

package dev.wharf.storage.s3;

import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.Optional;

/**
 * What every new object gets ({@code REGISTRY_STORAGE_S3_ENCRYPT}, {@code _KEYID}, {@code _STORAGECLASS}), applied
 * alike to PutObject, CreateMultipartUpload and CopyObject.
 *
 * @param encrypt      server-side encryption: AES256, or aws:kms when {@code keyId} is present
 * @param keyId        the KMS key
 * @param storageClass the storage class, or {@code NONE} (or empty) to let the bucket decide
 */
public record ObjectOptions(boolean encrypt, Optional<String> keyId, String storageClass) {

    public static final ObjectOptions DEFAULT = new ObjectOptions(false, Optional.empty(), "STANDARD");

    private ServerSideEncryption encryption() {
        if (!encrypt) {
            return null;
        }
        return keyId.isPresent() ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256;
    }

    private String kmsKey() {
        return encrypt ? keyId.orElse(null) : null;
    }

    private String storageClassOrNull() {
        return storageClass == null || storageClass.isEmpty() || "NONE".equalsIgnoreCase(storageClass)
                ? null : storageClass;
    }

    PutObjectRequest.Builder apply(PutObjectRequest.Builder request) {
        return request.serverSideEncryption(encryption()).ssekmsKeyId(kmsKey())
                .storageClass(storageClassOrNull());
    }

    CreateMultipartUploadRequest.Builder apply(CreateMultipartUploadRequest.Builder request) {
        return request.serverSideEncryption(encryption()).ssekmsKeyId(kmsKey())
                .storageClass(storageClassOrNull());
    }

    CopyObjectRequest.Builder apply(CopyObjectRequest.Builder request) {
        return request.serverSideEncryption(encryption()).ssekmsKeyId(kmsKey())
                .storageClass(storageClassOrNull());
    }
}

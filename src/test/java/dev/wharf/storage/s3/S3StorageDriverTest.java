package dev.wharf.storage.s3;

import dev.wharf.config.RegistryConfig;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StorageDriverContractTest;
import dev.wharf.testsupport.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract against a real S3 server (S3Proxy, started once for the class), each test under a fresh root
 * directory, plus what only S3 has: multipart uploads, server-side appends and copies, the key prefix.
 */
class S3StorageDriverTest extends StorageDriverContractTest {
    private static final int MiB = 1024 * 1024;
    private static final String BUCKET = "wharf";
    private static final AtomicInteger ROOTS = new AtomicInteger();

    private static S3Proxy server;
    /** A plain client, to look at the bucket behind the driver's back. */
    private static S3Client s3;
    /** The driver's client, built from REGISTRY_STORAGE_S3_* as in production. */
    private static S3Client driverClient;

    private String root;

    @BeforeAll
    static void startS3(@TempDir Path directory) {
        server = S3Proxy.start(directory);
        s3 = server.client();
        s3.createBucket(request -> request.bucket(BUCKET));
        driverClient = S3Clients.client(new Config(Optional.of(BUCKET), Optional.empty(),
                Optional.of(server.endpoint().getAuthority()), Optional.of(S3Proxy.IDENTITY),
                Optional.of(S3Proxy.CREDENTIAL), true, false, false, Optional.empty(), 5 * MiB, false,
                Optional.empty(), "STANDARD"));
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
        if (driverClient != null) {
            driverClient.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** S3Proxy keeps the objects in its heap: free them. */
    @AfterEach
    void deleteEverything() throws IOException {
        try {
            driver.delete("/");
        } catch (PathNotFoundException e) {
            // nothing was left
        }
    }

    @Override
    protected StorageDriver newDriver(Path tempDir) {
        root = "test-" + ROOTS.incrementAndGet() + "/registry";
        return new S3StorageDriver(driverClient, BUCKET, "/" + root + "/", 5 * MiB, ObjectOptions.DEFAULT);
    }

    /** A driver on the same root that moves anything over 5 MiB as a multipart copy of 5 MiB parts. */
    private S3StorageDriver copyingInParts() {
        return new S3StorageDriver(driverClient, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT, 5 * MiB, 5 * MiB);
    }

    @Test
    void appendsCrossingTheSmallestPartSizeSeveralTimes() throws Exception {
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(3);
        byte[] chunk = new byte[3 * MiB];
        long size = 0;
        while (size < 17 * MiB) {
            try (FileWriter writer = driver.writer("/repo/_uploads/u/data", true)) {
                assertEquals(size, writer.size());
                random.nextBytes(chunk);
                written.update(chunk);
                writer.write(ByteBuffer.wrap(chunk));
                writer.commit();
            }
            size += chunk.length;
            assertEquals(size, driver.stat("/repo/_uploads/u/data").size());
        }
        assertArrayEquals(written.digest(), sha256("/repo/_uploads/u/data"));
        assertNoMultipartUploads();
    }

    @Test
    void aLargeObjectIsWrittenInPartsAndMovedServerSide() throws Exception {
        byte[] content = new byte[40 * MiB + 123];
        new Random(5).nextBytes(content);
        try (FileWriter writer = driver.writer("/uploads/big", false)) {
            for (int offset = 0; offset < content.length; offset += 1_000_000) {
                writer.write(ByteBuffer.wrap(content, offset, Math.min(1_000_000, content.length - offset)));
            }
            assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/big"));
            writer.commit();
        }
        String etag = s3.headObject(request -> request.bucket(BUCKET).key(root + "/uploads/big")).eTag();
        assertTrue(etag.contains("-"), "a multipart upload's ETag: " + etag);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);
        assertArrayEquals(expected, sha256("/uploads/big"));

        driver.move("/uploads/big", "/blobs/big/data");
        assertArrayEquals(expected, sha256("/blobs/big/data"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/uploads/big"));

        // the same move as a multipart copy (UploadPartCopy), as objects over 5 GiB are moved
        copyingInParts().move("/blobs/big/data", "/blobs/moved/data");
        String copied = s3.headObject(request -> request.bucket(BUCKET).key(root + "/blobs/moved/data")).eTag();
        assertTrue(copied.endsWith("-9\""), "9 parts of 5 MiB, the last one 123 bytes: " + copied);
        assertArrayEquals(expected, sha256("/blobs/moved/data"));
        assertEquals(List.of("moved"), driver.list("/blobs"));
        assertNoMultipartUploads();
    }

    @Test
    void objectsLandUnderTheRootDirectory() throws IOException {
        driver.putContent("/docker/registry/v2/repositories/a/link", bytes("x"));
        try (FileWriter writer = driver.writer("/docker/registry/v2/blobs/data", false)) {
            write(writer, "blob");
            writer.commit();
        }
        List<String> keys = s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(root.split("/")[0] + "/"))
                .contents().stream().map(S3Object::key).sorted().toList();
        assertEquals(List.of(root + "/docker/registry/v2/blobs/data", root + "/docker/registry/v2/repositories/a/link"),
                keys);
    }

    @Test
    void cancelLeavesNoMultipartUploadAndTheObjectAsItWas() throws Exception {
        byte[] original = new byte[6 * MiB];
        new Random(9).nextBytes(original);
        driver.putContent("/object", original);
        byte[] more = new byte[11 * MiB];
        try (FileWriter replacing = driver.writer("/object", false);
             FileWriter fresh = driver.writer("/fresh", false)) {
            replacing.write(ByteBuffer.wrap(more));
            fresh.write(ByteBuffer.wrap(more));
            replacing.cancel();
        }
        try (FileWriter appending = driver.writer("/object", true)) {
            appending.write(ByteBuffer.wrap(more));
            assertEquals(original.length + more.length, appending.size());
        }
        assertNoMultipartUploads();
        assertArrayEquals(original, driver.getContent("/object"));
        assertThrows(PathNotFoundException.class, () -> driver.stat("/fresh"));
    }

    @Test
    void committingAnAppendWithNothingNewKeepsTheObject() throws Exception {
        byte[] original = new byte[6 * MiB];
        new Random(11).nextBytes(original);
        driver.putContent("/object", original);
        try (FileWriter appending = driver.writer("/object", true)) {
            appending.commit();
        }
        assertArrayEquals(original, driver.getContent("/object"));
        assertNoMultipartUploads();
    }

    /** {@code REGISTRY_STORAGE_S3_*} as the tests set them: S3Proxy's address without scheme and secure=false. */
    private record Config(Optional<String> bucket, Optional<String> region, Optional<String> regionendpoint,
                          Optional<String> accesskey, Optional<String> secretkey, boolean forcepathstyle,
                          boolean secure, boolean skipverify, Optional<String> rootdirectory, long chunksize,
                          boolean encrypt, Optional<String> keyid, String storageclass)
            implements RegistryConfig.Storage.S3 {
    }

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

    private void assertNoMultipartUploads() {
        assertEquals(List.of(), s3.listMultipartUploads(request -> request.bucket(BUCKET).prefix(root + "/"))
                .uploads());
    }

    private byte[] sha256(String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = driver.reader(path, 0)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }
}

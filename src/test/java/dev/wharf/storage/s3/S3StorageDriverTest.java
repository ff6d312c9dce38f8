package dev.wharf.storage.s3;

import dev.wharf.storage.FileWriter;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StorageDriverContractTest;
import dev.wharf.testsupport.S3Proxy;
import dev.wharf.testsupport.S3Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

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
        driverClient = S3Clients.client(S3Settings.of(server, BUCKET, Optional.empty()));
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

    // ---- appends keep one multipart upload open (see S3FileWriter)

    /** The upload path: a writer per PATCH, committed, then the move to blobs/ at the final PUT. */
    @Test
    void eachAppendCostsItsOwnBytesAndCopiesNothingBefore() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            Random random = new Random(13);
            long size = 0;
            int appendRequests = 0;
            for (int i = 0; i < 8; i++) {
                byte[] chunk = new byte[(i % 2 == 0 ? 3 : 7) * MiB];
                random.nextBytes(chunk);
                written.update(chunk);
                requests.reset();
                try (FileWriter writer = counting.writer("/repo/_uploads/u/data", true)) {
                    assertEquals(size, writer.size());
                    writer.write(ByteBuffer.wrap(chunk));
                    writer.commit();
                }
                size += chunk.length;
                // HeadObject, GetObject of the tail, at most two UploadParts, CreateMultipartUpload once, PutObject
                assertEquals(0, requests.copied(), "append " + i + ": " + requests);
                assertTrue(requests.total() <= 6, "append " + i + ": " + requests);
                assertEquals(0, requests.count("CompleteMultipartUpload"), "append " + i + ": " + requests);
                appendRequests += requests.total();
                assertEquals(size, counting.stat("/repo/_uploads/u/data").size());
            }
            requests.reset();
            counting.move("/repo/_uploads/u/data", "/blobs/b/data");
            System.out.println("8 appends, 40 MiB: " + appendRequests + " requests; move: " + requests);
            assertTrue(requests.copied() < 5 * MiB, "only the tail is copied into the upload: " + requests);
            assertEquals(1, requests.count("CopyObject"), requests.toString());
            assertArrayEquals(written.digest(), sha256("/blobs/b/data"));
            assertThrows(PathNotFoundException.class, () -> driver.stat("/repo/_uploads/u/data"));
            assertNoMultipartUploads();
        }
    }

    /**
     * Appends of at least S3's smallest part against larger chunks (docker's 8 MiB {@code PATCH}es against 10 MiB
     * chunks) each go up as a part of their own: nothing is read back or sent twice.
     */
    @Test
    void appendsOfAtLeastTheSmallestPartMoveEachByteOnce() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 10 * MiB, ObjectOptions.DEFAULT);
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            Random random = new Random(17);
            for (int i = 0; i < 4; i++) {
                byte[] chunk = new byte[8 * MiB + i];
                random.nextBytes(chunk);
                written.update(chunk);
                requests.reset();
                append(counting, "/repo/_uploads/p/data", chunk);
                assertEquals(0, requests.read(), "append " + i + " read nothing back: " + requests);
                assertEquals(chunk.length, requests.sent(), "append " + i + " sent its bytes once: " + requests);
            }
            counting.move("/repo/_uploads/p/data", "/blobs/p/data");
            assertArrayEquals(written.digest(), sha256("/blobs/p/data"));
            assertNoMultipartUploads();
        }
    }

    /** Two Wharf instances (their own clients, different chunk sizes) take turns on one upload: the state is in S3. */
    @Test
    void anotherInstanceContinuesTheUpload() throws Exception {
        try (S3Client otherClient = server.client()) {
            S3StorageDriver other = new S3StorageDriver(otherClient, BUCKET, root, 8 * MiB, ObjectOptions.DEFAULT);
            StorageDriver[] turns = {driver, other, other, driver, other, driver};
            int[] sizes = {7 * MiB, 3 * MiB, 6 * MiB + 1, 7 * MiB, 1, 2 * MiB};
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            Random random = new Random(17);
            long size = 0;
            for (int i = 0; i < turns.length; i++) {
                byte[] chunk = new byte[sizes[i]];
                random.nextBytes(chunk);
                written.update(chunk);
                try (FileWriter writer = turns[i].writer("/repo/_uploads/u/data", true)) {
                    assertEquals(size, writer.size());
                    writer.write(ByteBuffer.wrap(chunk));
                    writer.commit();
                }
                size += chunk.length;
                assertEquals(size, turns[(i + 1) % turns.length].stat("/repo/_uploads/u/data").size());
            }
            other.move("/repo/_uploads/u/data", "/blobs/b/data");
            assertArrayEquals(written.digest(), sha256("/blobs/b/data"));
            assertNoMultipartUploads();
        }
    }

    @Test
    void cancellingAnAppendKeepsTheCommittedUpload() throws Exception {
        Random random = new Random(19);
        byte[] first = new byte[7 * MiB];
        random.nextBytes(first);
        append(driver, "/repo/_uploads/u/data", first);
        try (FileWriter writer = driver.writer("/repo/_uploads/u/data", true)) {
            byte[] discarded = new byte[12 * MiB];
            random.nextBytes(discarded);
            writer.write(ByteBuffer.wrap(discarded)); // two parts uploaded, never committed
            assertEquals(19 * MiB, writer.size());
            writer.cancel();
            assertEquals(7 * MiB, writer.size());
        }
        assertEquals(7 * MiB, driver.stat("/repo/_uploads/u/data").size());
        byte[] second = new byte[2 * MiB];
        random.nextBytes(second);
        append(driver, "/repo/_uploads/u/data", second);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(first);
        expected.update(second);
        assertArrayEquals(expected.digest(), sha256("/repo/_uploads/u/data"));
        assertNoMultipartUploads();
    }

    @Test
    void readingAnUploadInProgressCompletesIt() throws Exception {
        byte[] content = new byte[7 * MiB];
        new Random(23).nextBytes(content);
        append(driver, "/a/data", content);
        append(driver, "/b/data", content);
        append(driver, "/c/data", content);
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 6 * MiB, content.length),
                driver.reader("/a/data", 6 * MiB).readAllBytes(), "an offset past the tail object");
        assertEquals(0, driver.reader("/b/data", content.length).readAllBytes().length);
        assertThrows(dev.wharf.storage.InvalidOffsetException.class, () -> driver.reader("/b/data", 7 * MiB + 1));
        assertArrayEquals(content, driver.getContent("/b/data"));
        try (InputStream in = driver.reader("/c/data", 1)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 1, content.length), in.readAllBytes());
        }
        assertNoMultipartUploads();
        byte[] more = new byte[MiB];
        append(driver, "/c/data", more); // a complete object again continued, copied once into a new upload
        assertEquals(8 * MiB, driver.stat("/c/data").size());
    }

    /** Cancelling an upload session deletes its directory: that aborts the multipart uploads below it. */
    @Test
    void deletingAnUploadAbortsItsMultipartUploads() throws Exception {
        byte[] content = new byte[6 * MiB];
        append(driver, "/repo/_uploads/u/data", content);
        append(driver, "/repo/_uploads/v/data", content);
        // a writer that died before its first commit
        s3.createMultipartUpload(request -> request.bucket(BUCKET).key(root + "/repo/_uploads/u/orphan"));
        assertEquals(3, multipartUploads().size());

        driver.delete("/repo/_uploads/u");
        assertEquals(List.of(root + "/repo/_uploads/v/data"), multipartUploads());
        assertThrows(PathNotFoundException.class, () -> driver.stat("/repo/_uploads/u/data"));
        assertEquals(List.of("v"), driver.list("/repo/_uploads"));

        driver.delete("/repo/_uploads/v/data");
        assertNoMultipartUploads();
    }

    /** Deleting an upload session: one listing, one DeleteObjects, one ListMultipartUploads; no HeadObject. */
    @Test
    void deletingADirectoryCostsThreeRequests() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            counting.putContent("/repo/_uploads/u/startedat", new byte[1]);
            counting.putContent("/repo/_uploads/u/hashstates/sha256/1", new byte[1]);
            counting.putContent("/repo/_uploads/uv/data", new byte[1]);
            requests.reset();
            counting.delete("/repo/_uploads/u");
            assertEquals(3, requests.total(), requests.toString());
            assertEquals(0, requests.count("HeadObject"), requests.toString());
            assertEquals(List.of("uv"), driver.list("/repo/_uploads"));
        }
    }

    /** The move at the end of an upload follows a stat of its data: a copy (on that ETag) and a delete, no more. */
    @Test
    void aMoveAfterAStatNeedsNoHeadObject() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            counting.putContent("/repo/_uploads/u/data", new byte[] {1, 2, 3});
            assertEquals(3, counting.stat("/repo/_uploads/u/data").size());
            requests.reset();
            counting.move("/repo/_uploads/u/data", "/blobs/b/data");
            assertEquals(2, requests.total(), requests.toString());
            assertArrayEquals(new byte[] {1, 2, 3}, driver.getContent("/blobs/b/data"));
            assertThrows(PathNotFoundException.class, () -> counting.move("/repo/_uploads/u/data", "/blobs/c/data"));
        }
    }

    /**
     * The end of an upload after its last append: the copy (on the ETag seen) and the deletion of the session, whose
     * listing takes the data along; no HeadObject, no DeleteObject of the data, and no ListMultipartUploads for data
     * smaller than a chunk, which never had one.
     */
    @Test
    void moveThenDeleteOfASmallUploadCostsThreeRequests() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            counting.putContent("/repo/_uploads/u/startedat", new byte[1]);
            try (FileWriter writer = counting.writer("/repo/_uploads/u/data", true)) {
                writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                writer.commit();
            }
            requests.reset();
            counting.moveThenDelete("/repo/_uploads/u/data", "/blobs/b/data", "/repo/_uploads/u");
            assertEquals(3, requests.total(), requests.toString());
            assertEquals(0, requests.count("ListMultipartUploads"), requests.toString());
            assertArrayEquals(new byte[] {1, 2, 3}, driver.getContent("/blobs/b/data"));
            assertThrows(PathNotFoundException.class, () -> driver.stat("/repo/_uploads/u"));
        }
    }

    /** The end of a session whose content is known (a small blob stored whole): one DeleteObject, no listing. */
    @Test
    void deleteListedOfOneNameCostsOneRequest() throws Exception {
        S3Requests requests = new S3Requests();
        try (S3Client counted = server.client(List.of(requests))) {
            S3StorageDriver counting = new S3StorageDriver(counted, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            counting.putContent("/repo/_uploads/u/startedat", new byte[1]);
            counting.putContent("/repo/_uploads/uv/startedat", new byte[1]);
            requests.reset();
            counting.deleteListed("/repo/_uploads/u", List.of("startedat"));
            assertEquals(1, requests.total(), requests.toString());
            assertThrows(PathNotFoundException.class, () -> driver.stat("/repo/_uploads/u"));
            assertEquals(List.of("uv"), driver.list("/repo/_uploads"));
        }
    }

    /** A large upload may have left multipart uploads of writers that died: moving it out aborts them. */
    @Test
    void moveThenDeleteOfALargeUploadCompletesItAndAbortsWhatDiedBelow() throws Exception {
        byte[] content = new byte[6 * MiB];
        new Random(29).nextBytes(content);
        append(driver, "/repo/_uploads/u/data", content);
        s3.createMultipartUpload(request -> request.bucket(BUCKET).key(root + "/repo/_uploads/u/data"));
        driver.moveThenDelete("/repo/_uploads/u/data", "/blobs/b/data", "/repo/_uploads/u");
        assertArrayEquals(content, driver.getContent("/blobs/b/data"));
        assertNoMultipartUploads();
        assertThrows(PathNotFoundException.class, () -> driver.stat("/repo/_uploads/u"));
    }

    /** What this instance saw complete was since appended to by another one: the move still takes every byte. */
    @Test
    void aMoveOfAnObjectChangedByAnotherInstanceCompletesIt() throws Exception {
        try (S3Client otherClient = server.client()) {
            S3StorageDriver other = new S3StorageDriver(otherClient, BUCKET, root, 5 * MiB, ObjectOptions.DEFAULT);
            byte[] first = new byte[MiB];
            byte[] second = new byte[5 * MiB];
            new Random(19).nextBytes(first);
            new Random(23).nextBytes(second);
            append(driver, "/repo/_uploads/u/data", first);
            assertEquals(MiB, driver.stat("/repo/_uploads/u/data").size()); // seen complete here
            try (FileWriter writer = other.writer("/repo/_uploads/u/data", true)) { // now pending
                writer.write(ByteBuffer.wrap(second));
                writer.commit();
            }
            driver.move("/repo/_uploads/u/data", "/blobs/b/data");
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            expected.update(first);
            expected.update(second);
            assertArrayEquals(expected.digest(), sha256("/blobs/b/data"));
            assertNoMultipartUploads();
        }
    }

    private static void append(StorageDriver target, String path, byte[] content) throws IOException {
        try (FileWriter writer = target.writer(path, true)) {
            writer.write(ByteBuffer.wrap(content));
            writer.commit();
        }
    }

    private List<String> multipartUploads() {
        return s3.listMultipartUploads(request -> request.bucket(BUCKET).prefix(root + "/")).uploads().stream()
                .map(upload -> upload.key()).sorted().toList();
    }

    private void assertNoMultipartUploads() {
        assertEquals(List.of(), multipartUploads());
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

package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.TestBlobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writes a push makes at the same time ({@link ConcurrentSteps}) do meet, and what must come first still does:
 * nothing names a blob or a manifest before it is stored, a tag's {@code current} link comes last, and the request
 * returns only once every step has ended.
 */
class WriteOrderTest {
    private static final RepositoryName REPO = RepositoryName.parse("order/app");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final StepRecordingDriver driver = new StepRecordingDriver(new InMemoryStorageDriver());
    private final ConcurrentSteps steps = new ConcurrentSteps(pool);
    private final BlobStore blobs = new BlobStore(driver, 0);
    private final UploadStore uploads = new UploadStore(driver, blobs, steps);
    private final ManifestStore manifests = new ManifestStore(driver, blobs, new TagStore(driver), 0, steps);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aSmallBlobIsStoredWhileItsSessionIsListedAndLinkedWhileTheSessionEnds() throws IOException {
        byte[] content = TestBlobs.random(4096, 7);
        Digest digest = Digest.parse(TestBlobs.sha256(content));
        UploadState session = uploads.startUpload(REPO);
        String dir = RegistryLayout.uploadDir(REPO, session.id());
        String data = "putContent " + RegistryLayout.blobData(digest);
        String link = "putContent " + RegistryLayout.layerLink(REPO, digest);
        driver.meet("list " + dir, data);
        driver.meet("deleteListed " + dir, link);

        uploads.completeUpload(session, digest, Optional.empty(), OptionalLong.of(content.length),
                new ByteArrayInputStream(content));

        assertTrue(driver.position("end " + data) < driver.position("start " + link), driver.events()::toString);
        assertTrue(driver.position("end list " + dir) < driver.position("start " + link), driver.events()::toString);
        assertTrue(driver.position("end deleteListed " + dir) >= 0, "ended before the answer");
        assertTrue(driver.position("end " + link) >= 0, "ended before the answer");
        assertTrue(blobs.isLinked(REPO, digest));
    }

    @Test
    void aTaggedManifestsLinksComeAfterItsBlobAndTheTagsCurrentLinkLast() throws IOException {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = TestBlobs.random(100, 8);
        for (byte[] blob : new byte[][] {config, layer}) {
            Digest digest = Digest.parse(TestBlobs.sha256(blob));
            driver.putContent(RegistryLayout.blobData(digest), blob);
            blobs.linkBlob(REPO, digest);
        }
        byte[] manifest = Manifests.ociManifest(Manifests.Ref.of(Manifests.OCI_CONFIG, config),
                Manifests.Ref.of(Manifests.OCI_LAYER, layer));
        Digest digest = Digest.parse(TestBlobs.sha256(manifest));
        Tag tag = new Tag("v1");
        String data = "putContent " + RegistryLayout.blobData(digest);
        String revision = "putContent " + RegistryLayout.revisionLink(REPO, digest);
        String index = "putContent " + RegistryLayout.tagIndexLink(REPO, tag, digest);
        String current = "putContent " + RegistryLayout.tagCurrentLink(REPO, tag);
        driver.meet(revision, index);

        manifests.putManifest(REPO, Reference.parse("v1"), manifest, Manifests.OCI_MANIFEST);

        int dataEnd = driver.position("end " + data);
        assertTrue(dataEnd < driver.position("start " + revision), driver.events()::toString);
        assertTrue(dataEnd < driver.position("start " + index), driver.events()::toString);
        int currentStart = driver.position("start " + current);
        assertTrue(driver.position("end " + revision) < currentStart, driver.events()::toString);
        assertTrue(driver.position("end " + index) < currentStart, driver.events()::toString);
        assertEquals(digest, manifests.getManifest(REPO, Reference.parse("v1")).digest());
    }
}

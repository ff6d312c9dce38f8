package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import dev.wharf.testsupport.TestBlobs;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A blob HEAD reads storage once per (repository, digest), as distribution's in-memory blob descriptor cache does;
 * a DELETE through this store is seen at once, and a link is read again after it.
 */
class BlobStoreCostTest {
    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static final RepositoryName OTHER = RepositoryName.parse("team/other");
    private static final byte[] DATA = {1, 2, 3};
    private static final Digest DIGEST = Digest.parse(TestBlobs.sha256(DATA));

    private final CountingStorageDriver driver = new CountingStorageDriver(new InMemoryStorageDriver());
    private final BlobStore blobs = new BlobStore(driver, 10_000);

    @Test
    void aLinkSeenOrWrittenIsNotReadAgainUntilDeletedHere() throws IOException {
        driver.putContent(RegistryLayout.blobData(DIGEST), DATA);
        Links.write(driver, RegistryLayout.layerLink(REPO, DIGEST), DIGEST);

        driver.reset();
        assertEquals(DATA.length, blobs.headBlob(REPO, DIGEST));
        assertEquals(2, driver.total(), driver.counts()::toString); // the link, then the data's size
        driver.reset();
        assertEquals(DATA.length, blobs.headBlob(REPO, DIGEST));
        assertTrue(blobs.isLinked(REPO, DIGEST));
        assertEquals(0, driver.total(), driver.counts()::toString);

        blobs.linkBlob(OTHER, DIGEST); // a mount: written, so known
        driver.reset();
        assertTrue(blobs.isLinked(OTHER, DIGEST));
        assertEquals(0, driver.total(), driver.counts()::toString);

        blobs.deleteBlob(REPO, DIGEST);
        driver.reset();
        RegistryException unknown = assertThrows(RegistryException.class, () -> blobs.headBlob(REPO, DIGEST));
        assertEquals(ErrorCode.BLOB_UNKNOWN, unknown.errorCode());
        assertFalse(blobs.isLinked(REPO, DIGEST));
        assertEquals(2, driver.total(), "an absent link is never remembered: " + driver.counts());
        assertTrue(blobs.isLinked(OTHER, DIGEST), "the other repository's link stays");
    }
}

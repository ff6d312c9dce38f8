package dev.wharf.store;

import dev.wharf.model.Descriptor;
import dev.wharf.model.Digest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.Manifests.Ref;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listing referrers reads each revision of the repository once per process: manifests are cached by digest (their
 * content never changes), so a warm listing costs the revision listing and the referrers-tag lookup only.
 */
class ReferrersStoreCostTest {
    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    /** The revisions listing (two levels) and the lookup of the {@code <alg>-<hex>} referrers tag. */
    private static final int WARM_CALLS = 3;

    private final CountingStorageDriver driver = new CountingStorageDriver(new InMemoryStorageDriver());
    private final Ref empty = Ref.of(Manifests.OCI_EMPTY, Manifests.EMPTY_JSON);

    private static ManifestStore manifests(CountingStorageDriver driver) {
        return new ManifestStore(driver, new BlobStore(driver, 0), new TagStore(driver), 0, ConcurrentSteps.inTurn());
    }

    private static Digest digest(Ref ref) {
        return Digest.parse(ref.digest());
    }

    /** Pushes an artifact whose subject is {@code subject} and returns its digest. */
    private static String push(ManifestStore store, Ref config, Ref subject, int number) throws IOException {
        byte[] artifact = Manifests.artifact("application/vnd.example." + number, config, subject,
                Map.of("n", Integer.toString(number)));
        return store.putManifest(REPO, new Reference.ByDigest(digest(Ref.of(OCI_MANIFEST, artifact))), artifact,
                OCI_MANIFEST).digest().toString();
    }

    @Test
    void aWarmListingCostsTheSameHoweverManyRevisionsTheRepositoryHolds() throws IOException {
        driver.putContent(RegistryLayout.blobData(digest(empty)), Manifests.EMPTY_JSON);
        Links.write(driver, RegistryLayout.layerLink(REPO, digest(empty)), digest(empty));
        ManifestStore writer = manifests(driver);
        byte[] image = Manifests.ociManifest(empty, empty);
        writer.putManifest(REPO, new Reference.ByTag(new Tag("image")), image, OCI_MANIFEST);
        Ref subject = Ref.of(OCI_MANIFEST, image);
        Ref other = new Ref(OCI_MANIFEST, "sha256:" + "1".repeat(64), 10);
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < 100; i++) {
            push(writer, empty, other, i);
            if (i % 5 == 0) {
                expected.add(push(writer, empty, subject, 1000 + i));
            }
        }
        int revisions = 1 + 100 + expected.size();

        // a process that has not read these manifests yet reads each once
        ReferrersStore cold = new ReferrersStore(manifests(driver));
        driver.reset();
        assertEquals(List.copyOf(expected), digests(cold.listReferrers(REPO, digest(subject), Optional.empty())));
        assertEquals(WARM_CALLS + revisions, driver.total(), driver.counts()::toString);

        driver.reset();
        assertEquals(List.copyOf(expected), digests(cold.listReferrers(REPO, digest(subject), Optional.empty())));
        assertEquals(WARM_CALLS, driver.total(), driver.counts()::toString);

        // the process that pushed them has them cached already, however many there are
        ReferrersStore warm = new ReferrersStore(writer);
        for (int i = 100; i < 400; i++) {
            push(writer, empty, other, i);
        }
        driver.reset();
        assertEquals(List.copyOf(expected), digests(warm.listReferrers(REPO, digest(subject), Optional.empty())));
        assertEquals(WARM_CALLS, driver.total(), driver.counts()::toString);
        assertTrue(driver.count("getContent") <= 1, "only the referrers tag is looked up");
    }

    private static List<String> digests(List<Descriptor> descriptors) {
        return descriptors.stream().map(d -> d.digest().toString()).toList();
    }
}

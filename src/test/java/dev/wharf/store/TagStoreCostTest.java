package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Listing tags costs one storage call however many tags there are: tag directories are listed, never read. */
class TagStoreCostTest {
    private static final Digest DIGEST = new Digest("sha256", "b".repeat(64));
    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    private final CountingStorageDriver driver = new CountingStorageDriver(new InMemoryStorageDriver());
    private final TagStore tags = new TagStore(driver);

    @Test
    void oneListForAnyNumberOfTagsIncludingOneLeftWithoutItsCurrentLink() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String tag = String.format("v%03d", i);
            tags.tagManifest(REPO, new Tag(tag), DIGEST);
            expected.add(tag);
        }
        // half deleted: only the history is left; distribution lists the directory name all the same
        Links.write(driver, RegistryLayout.tagIndexLink(REPO, new Tag("zz-half"), DIGEST), DIGEST);
        expected.add("zz-half");

        driver.reset();
        assertEquals(expected, tags.listTags(REPO));
        assertEquals(1, driver.total(), driver.counts()::toString);
    }

    @Test
    void aRepositoryWithManifestsButNoTagsListsNothingAndAnUnknownOneIsNameUnknown() throws IOException {
        Links.write(driver, RegistryLayout.revisionLink(REPO, DIGEST), DIGEST);
        driver.reset();
        assertEquals(List.of(), tags.listTags(REPO));
        assertEquals(2, driver.total(), driver.counts()::toString);

        RegistryException unknown = assertThrows(RegistryException.class,
                () -> tags.listTags(RepositoryName.parse("team/none")));
        assertEquals(ErrorCode.NAME_UNKNOWN, unknown.errorCode());
    }
}

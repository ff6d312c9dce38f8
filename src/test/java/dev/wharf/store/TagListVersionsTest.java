package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tags lists remembered by token ({@link TagListVersions}): two replicas (two stores over one storage) never serve a
 * list from before a change either made; a list asked for once costs its listing alone, and from the third time on,
 * a remembered list costs one small read instead of a listing.
 */
class TagListVersionsTest {
    private static final Digest ONE = new Digest("sha256", "a".repeat(64));
    private static final Digest TWO = new Digest("sha256", "b".repeat(64));
    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    private final CountingStorageDriver storage = new CountingStorageDriver(new InMemoryStorageDriver());
    private final TagStore first = new TagStore(storage, true);
    private final TagStore second = new TagStore(storage, true);
    private final ManifestStore secondManifests = new ManifestStore(storage, new BlobStore(storage, 0), second, 0,
            ConcurrentSteps.inTurn());

    @Test
    void aRememberedListCostsOneReadAndFollowsEveryChangeMadeThroughAnotherReplica() throws IOException {
        Links.write(storage, RegistryLayout.revisionLink(REPO, ONE), ONE);
        first.tagManifest(REPO, new Tag("v1"), ONE);
        storage.reset();
        assertEquals(List.of("v1"), first.listTags(REPO));
        assertEquals(1, storage.total(), "listed once: the LIST alone " + storage.counts());
        assertEquals(List.of("v1"), first.listTags(REPO));
        storage.reset();
        assertEquals(List.of("v1"), first.listTags(REPO));
        assertEquals(0, storage.count("list"), storage.counts()::toString);
        assertEquals(1, storage.count("getContent"), storage.counts()::toString);

        second.tagManifest(REPO, new Tag("v2"), TWO);
        assertEquals(List.of("v1", "v2"), first.listTags(REPO), "a tag added through the other replica");
        second.untag(REPO, new Tag("v1"));
        assertEquals(List.of("v2"), first.listTags(REPO), "a tag removed through the other replica");
        second.untagAll(REPO, TWO);
        assertEquals(List.of(), first.listTags(REPO), "tags removed with their manifest");
    }

    @Test
    void aRepositoryWhoseLastManifestIsDeletedElsewhereIsUnknownAtOnce() throws IOException {
        Links.write(storage, RegistryLayout.revisionLink(REPO, ONE), ONE);
        first.tagManifest(REPO, new Tag("latest"), ONE);
        assertEquals(List.of("latest"), first.listTags(REPO));
        secondManifests.deleteManifest(REPO, new Reference.ByTag(new Tag("latest")));
        assertEquals(List.of(), first.listTags(REPO));
        secondManifests.deleteManifest(REPO, new Reference.ByDigest(ONE));
        RegistryException unknown = assertThrows(RegistryException.class, () -> first.listTags(REPO));
        assertEquals(ErrorCode.NAME_UNKNOWN, unknown.errorCode());
    }

    @Test
    void aRepositoryWharfNeverChangedIsListedEveryTimeAndTheFilesystemWritesNoToken() throws IOException {
        Links.write(storage, RegistryLayout.tagCurrentLink(REPO, new Tag("old")), ONE);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("old"), first.listTags(REPO));
        }
        assertEquals(3, storage.count("list"), storage.counts()::toString);

        TagStore unversioned = new TagStore(storage, false);
        unversioned.tagManifest(REPO, new Tag("new"), TWO);
        assertThrows(PathNotFoundException.class,
                () -> storage.getContent(RegistryLayout.tagsVersion(REPO)));
    }
}

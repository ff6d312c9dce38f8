package dev.wharf.store;

import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.filesystem.FilesystemStorageDriver;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalog page costs a bounded number of storage calls (each a round trip on S3), however many repositories are
 * stored, and the pages still list exactly the repositories holding manifests, in distribution's path order.
 */
class CatalogStoreCostTest {
    /** Page size, as {@code ?n=10}; the resource asks the store for one name more to know whether to send a Link. */
    private static final int N = 10;
    /** Most storage calls one page of {@link #N} may cost. */
    private static final int MAX_CALLS = 40;

    @TempDir
    Path tempDir;

    private CountingStorageDriver driver;
    private CatalogStore catalog;
    private CatalogFixture fixture;

    private void setUp(String backend) {
        StorageDriver real = backend.equals("filesystem")
                ? new FilesystemStorageDriver(tempDir.resolve("root")) : new InMemoryStorageDriver();
        driver = new CountingStorageDriver(real);
        catalog = new CatalogStore(driver);
        fixture = new CatalogFixture(driver);
    }

    /** One page as {@code CatalogResource} reads it: {@code n + 1} names, and the storage calls that cost. */
    private record Page(List<String> names, long calls) {
    }

    private Page page(String last) throws IOException {
        driver.reset();
        List<String> names = catalog.listRepositories(last, N + 1);
        return new Page(names, driver.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inmemory", "filesystem"})
    void pagesListEveryRepositoryWithManifestsInPathOrderAtABoundedCost(String backend) throws IOException {
        setUp(backend);
        // the filesystem driver syncs every link it writes: fewer repositories there keep the test quick
        fixture.populate("r", backend.equals("filesystem") ? 90 : 300);
        List<String> expected = fixture.expected();

        List<String> all = new ArrayList<>();
        String last = null;
        while (true) {
            Page page = page(last);
            assertTrue(page.calls() <= MAX_CALLS, "page after " + last + " cost " + driver.counts());
            assertEquals(driver.count("list"), page.calls(), "a page only lists directories");
            all.addAll(page.names().subList(0, Math.min(N, page.names().size())));
            if (page.names().size() <= N) {
                break;
            }
            last = page.names().get(N - 1);
        }
        assertEquals(expected, all);
        assertTrue(all.indexOf("r0000/nested") < all.indexOf("r0001-x"), "a/b before a-b");
    }

    /** In memory only: the filesystem driver syncs every link it writes, so 1,600 repositories take seconds. */
    @Test
    void aPageCostsNoMoreWhenThousandsOfRepositoriesFollowIt() throws IOException {
        setUp("inmemory");
        fixture.populate("r", 300);
        List<String> expected = fixture.expected();
        String middle = expected.get(150);
        Page first = page(null);
        Page fromMiddle = page(middle);
        Page fromUnknownName = page("r0100/zzz");
        assertEquals(expected.subList(0, N + 1), first.names());
        assertEquals(expected.subList(151, 151 + N + 1), fromMiddle.names());

        fixture.populate("x", 1000);
        fixture.populate("team/x", 300);

        Page firstAfter = page(null);
        Page fromMiddleAfter = page(middle);
        Page fromUnknownNameAfter = page("r0100/zzz");
        assertEquals(first, firstAfter);
        assertEquals(fromMiddle, fromMiddleAfter);
        assertEquals(fromUnknownName, fromUnknownNameAfter);
        assertTrue(first.calls() <= MAX_CALLS && fromMiddle.calls() <= MAX_CALLS, first + " " + fromMiddle);
    }

    @Test
    void lastAfterEveryNameCostsOnlyTheWalkDown() throws IOException {
        setUp("inmemory");
        fixture.populate("r", 300);
        Page page = page("team/r9999");
        assertEquals(List.of(), page.names());
        assertTrue(page.calls() <= 3, page.toString());
        assertEquals(List.of(), catalog.listRepositories(null, 0));
    }
}

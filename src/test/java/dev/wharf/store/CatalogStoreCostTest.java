package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.filesystem.FilesystemStorageDriver;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.testsupport.CountingStorageDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
    private static final Digest DIGEST = new Digest("sha256", "a".repeat(64));

    @TempDir
    Path tempDir;

    private CountingStorageDriver driver;
    private CatalogStore catalog;
    private final List<String> listed = new ArrayList<>();

    private void setUp(String backend) {
        StorageDriver real = backend.equals("filesystem")
                ? new FilesystemStorageDriver(tempDir.resolve("root")) : new InMemoryStorageDriver();
        driver = new CountingStorageDriver(real);
        catalog = new CatalogStore(driver);
    }

    /**
     * 300 repository directories: plain, nested inside another repository ({@code a} and {@code a/b}), several
     * components deep below directories that are not repositories, names that sort differently in path order
     * ({@code r0000/nested} before {@code r0000-x}), holding only blobs, and whose manifests were all deleted.
     */
    private void populate(String prefix, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String r = prefix + String.format("%04d", i);
            switch (i % 6) {
                case 0 -> {
                    withManifest(r);
                    withManifest(r + "/nested");
                }
                case 1 -> withManifest(r + "-x");
                case 2 -> onlyBlobs(r + ".blobs");
                case 3 -> withManifest("team/" + r + "/app");
                case 4 -> manifestsDeleted(r + "-gone");
                default -> withManifest(r + "/deep/er");
            }
        }
    }

    private void withManifest(String name) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        Links.write(driver, RegistryLayout.layerLink(repository, DIGEST), DIGEST);
        Links.write(driver, RegistryLayout.revisionLink(repository, DIGEST), DIGEST);
        Links.write(driver, RegistryLayout.tagCurrentLink(repository, new Tag("latest")), DIGEST);
        listed.add(name);
    }

    private void onlyBlobs(String name) throws IOException {
        Links.write(driver, RegistryLayout.layerLink(RepositoryName.parse(name), DIGEST), DIGEST);
    }

    /** What {@link ManifestStore#deleteManifest} leaves: layer links and, here, an unfinished upload. */
    private void manifestsDeleted(String name) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        onlyBlobs(name);
        driver.putContent(RegistryLayout.uploadStartedAt(repository, UploadId.random()),
                "2026-01-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII));
    }

    /** distribution's order, computed without the store: component lists compared component by component. */
    private static final Comparator<String> COMPONENT_ORDER = (a, b) -> Arrays.compare(a.split("/"), b.split("/"));

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
        populate("r", backend.equals("filesystem") ? 90 : 300);
        List<String> expected = listed.stream().sorted(COMPONENT_ORDER).toList();

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
        populate("r", 300);
        List<String> expected = listed.stream().sorted(COMPONENT_ORDER).toList();
        String middle = expected.get(150);
        Page first = page(null);
        Page fromMiddle = page(middle);
        Page fromUnknownName = page("r0100/zzz");
        assertEquals(expected.subList(0, N + 1), first.names());
        assertEquals(expected.subList(151, 151 + N + 1), fromMiddle.names());

        populate("x", 1000);
        populate("team/x", 300);

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
        populate("r", 300);
        Page page = page("team/r9999");
        assertEquals(List.of(), page.names());
        assertTrue(page.calls() <= 3, page.toString());
        assertEquals(List.of(), catalog.listRepositories(null, 0));
    }
}

package dev.wharf.store;

import dev.wharf.storage.ForwardingStorageDriver;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.s3.S3Clients;
import dev.wharf.testsupport.S3Proxy;
import dev.wharf.testsupport.S3Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog walk that reads listings ahead (as on S3) against a real S3 server (S3Proxy): every page, wherever it
 * starts and however long, lists exactly what the walk without read-ahead lists, in the same order, with listings
 * really in flight together, never more than the look-ahead, and at most the look-ahead more of them per page.
 */
class CatalogStoreReadAheadTest {
    private static final String BUCKET = "catalog";

    private static S3Proxy server;
    private static ExecutorService executor;
    private static StorageDriver s3;
    private static List<String> expected;

    /** Counts the listings made and the most made at once. */
    private static final class InFlight extends ForwardingStorageDriver {
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger lists = new AtomicInteger();

        InFlight(StorageDriver backend) {
            super(backend);
        }

        @Override
        public List<String> list(String path) throws IOException {
            lists.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return backend.list(path);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @BeforeAll
    static void populate() throws IOException {
        server = S3Proxy.startWithBucket("catalog-s3-", BUCKET);
        executor = Executors.newFixedThreadPool(CatalogStore.LOOK_AHEAD);
        // built as in production: its client retries a request on a connection the server closed meanwhile
        s3 = S3Clients.driver(S3Settings.of(server, BUCKET, Optional.of("/registry")));
        assertTrue(StorageDriver.readsAreSlow(s3), "the store reads ahead on S3");
        CatalogFixture fixture = new CatalogFixture(s3);
        fixture.populate("r", 120);
        expected = fixture.expected();
    }

    @AfterAll
    static void stop() throws IOException {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CatalogStore readingAhead(StorageDriver driver) {
        return new CatalogStore(driver, executor, CatalogStore.LOOK_AHEAD);
    }

    @Test
    void everyPageListsWhatTheSequentialWalkLists() throws IOException {
        InFlight sequential = new InFlight(s3);
        InFlight ahead = new InFlight(s3);
        CatalogStore plain = new CatalogStore(sequential);
        CatalogStore fast = readingAhead(ahead);
        // n + 1 names per page, as CatalogResource asks: 1 is the least a page asks for
        for (int n : new int[] {1, 3, 16, 40}) {
            List<String> all = new ArrayList<>();
            String last = null;
            while (true) {
                int before = ahead.lists.get();
                int beforeSequential = sequential.lists.get();
                List<String> page = fast.listRepositories(last, n + 1);
                assertEquals(plain.listRepositories(last, n + 1), page, "n=" + n + " after " + last);
                int extra = (ahead.lists.get() - before) - (sequential.lists.get() - beforeSequential);
                assertTrue(extra <= Math.min(CatalogStore.LOOK_AHEAD, n), "n=" + n + " after " + last + ": "
                        + extra + " listings more than the sequential walk");
                all.addAll(page.subList(0, Math.min(n, page.size())));
                if (page.size() <= n) {
                    break;
                }
                last = page.get(n - 1);
            }
            assertEquals(expected, all, "n=" + n);
        }
        assertTrue(expected.indexOf("r0000/nested") < expected.indexOf("r0001-x"), "a/b before a-b");
    }

    @Test
    void pagesStartingBetweenNamesMatchTheSequentialWalk() throws IOException {
        CatalogStore plain = new CatalogStore(s3);
        CatalogStore fast = readingAhead(s3);
        // names not stored, in the middle of nested ones, below a repository, past the end, below a non-repository
        for (String last : List.of("", "r0000", "r0000/nested", "r0000/nested/zzz", "r0000-", "r0005/deep",
                "r0005/deep/er/zzz", "r0006/", "r0060.blobs", "team", "team/r0003", "team/r0057/app", "team/r0058",
                "zzz", "r", "r0119")) {
            for (int limit : new int[] {1, 2, 7, 30}) {
                assertEquals(plain.listRepositories(last, limit), fast.listRepositories(last, limit),
                        "after " + last + ", " + limit);
            }
        }
    }

    @Test
    void listingsOverlapUpToTheLookAhead() throws IOException {
        InFlight ahead = new InFlight(s3);
        List<String> all = readingAhead(ahead).listRepositories(null, 1000);
        assertEquals(expected, all);
        assertTrue(ahead.most.get() >= 2, "listings were made one after the other");
        assertTrue(ahead.most.get() <= CatalogStore.LOOK_AHEAD + 1, "more than the look-ahead: " + ahead.most);
    }

    @Test
    void aDirectoryGoneBeforeItsListingIsSkipped() throws IOException {
        StorageDriver vanishing = new ForwardingStorageDriver(s3) {
            @Override
            public List<String> list(String path) throws IOException {
                if (path.endsWith("/r0001-x")) {
                    throw new PathNotFoundException(path);
                }
                return backend.list(path);
            }
        };
        List<String> all = readingAhead(vanishing).listRepositories(null, 1000);
        assertEquals(expected.stream().filter(name -> !name.equals("r0001-x")).toList(), all);
    }
}

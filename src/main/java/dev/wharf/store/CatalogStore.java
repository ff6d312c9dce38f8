package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The catalog: every repository holding at least one manifest, i.e. every directory under {@code repositories/}
 * with a {@code _manifests} child. Directories starting with {@code _} are not descended. (distribution lists every
 * directory with a {@code _layers} child instead, so it also shows repositories holding only blobs, and keeps
 * repositories whose manifests were all deleted; {@link ManifestStore#deleteManifest} drops {@code _manifests} then.)
 * The order is distribution's: path order, component by component, so {@code a/b} comes before {@code a-b}.
 *
 * <p>A page costs one {@link StorageDriver#list} per directory it visits, not per repository stored (on S3 each is a
 * round trip): the walk is depth first in path order, enters only the subtrees that can hold names after
 * {@code last}, and stops at the page's last name. It visits the directories on the way down to {@code last}, the
 * repositories of the page and any directory between them that lists nothing (a parent such as {@code a} of
 * {@code a/b}, a repository holding only blobs).
 *
 * <p>Where reads are slow ({@link StorageDriver#readsAreSlow}: S3), the walk reads the listings of the next
 * directories it will visit ahead, on the application's executor, at most {@value #LOOK_AHEAD} at a time and never
 * more than the names the page still lacks, so that their round trips overlap instead of following each other; a
 * page lists the same directories as without, plus at most that many it then does not need. Elsewhere a listing
 * costs microseconds and each is made when the walk reaches its directory.
 */
@ApplicationScoped
public class CatalogStore {
    /** Listings read ahead of the walk at most (where reads are slow). */
    static final int LOOK_AHEAD = 16;

    private final StorageDriver driver;
    private final Executor executor;
    private final int lookAhead;

    @Inject
    public CatalogStore(StorageDriver driver, Executor executor) {
        this(driver, executor, StorageDriver.readsAreSlow(driver) ? LOOK_AHEAD : 0);
    }

    /** Every listing made when the walk reaches its directory, none ahead. */
    public CatalogStore(StorageDriver driver) {
        this(driver, Runnable::run, 0);
    }

    /** Reads up to {@code lookAhead} listings ahead on the executor (0: none). */
    CatalogStore(StorageDriver driver, Executor executor, int lookAhead) {
        this.driver = driver;
        this.executor = executor;
        this.lookAhead = lookAhead;
    }

    /** Compares names as distribution's {@code lessPath}: lexically, with {@code /} before every other character. */
    static final Comparator<String> PATH_ORDER = Comparator.comparing(CatalogStore::pathKey);

    /**
     * Up to {@code limit} repository names after {@code last} (exclusive; any string, compared in path order), in
     * path order.
     */
    public List<String> listRepositories(String last, int limit) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        Walk walk = new Walk(last == null ? null : pathKey(last), limit);
        try {
            walk.run();
        } finally {
            walk.dropReadAhead();
        }
        return Collections.unmodifiableList(walk.page);
    }

    /**
     * Path order as plain string order: {@code /} becomes the lowest character, so a name sorts before every name
     * below it, and siblings sort as their last components do, which is the order {@link StorageDriver#list} returns.
     * The depth-first walk therefore visits directories in the order of their names' keys.
     */
    private static String pathKey(String name) {
        return name.replace('/', '\0');
    }

    /**
     * One page's walk: collects names whose key is above {@code after} until {@code limit} are found. The directories
     * found and not visited yet wait in {@code ahead}, by key: the first is always the next one depth first, since
     * every directory below one still waiting has a greater key than it.
     */
    private final class Walk {
        private final String after;
        private final int limit;
        private final List<String> page = new ArrayList<>();
        private final TreeMap<String, Listing> ahead = new TreeMap<>();
        /** Listings of {@code ahead} whose children are in {@code ahead} already (read ahead, found done). */
        private final List<Listing> expanded = new ArrayList<>();
        /** Listings of {@code ahead} started on the executor. */
        private int reading;

        Walk(String after, int limit) {
            this.after = after;
            this.limit = limit;
        }

        void run() throws IOException {
            ahead.put("", new Listing(driver, RegistryLayout.REPOSITORIES, ""));
            while (!ahead.isEmpty() && page.size() < limit) {
                Listing next = ahead.pollFirstEntry().getValue();
                if (next.started()) {
                    reading--;
                }
                readAhead();
                List<String> children = next.children();
                if (!expanded.remove(next)) {
                    expand(next, children);
                }
                if (!next.name.isEmpty() && children.contains(RegistryLayout.MANIFESTS_DIR)
                        && isAfter(pathKey(next.name))) {
                    page.add(next.name);
                }
            }
        }

        /**
         * Starts the listings of the first directories waiting, up to the look-ahead and the names the page still
         * lacks besides the one the directory being visited may add (each directory adds one name at most), first
         * adding the children of those already listed.
         */
        private void readAhead() {
            int most = Math.min(lookAhead, limit - page.size() - 1);
            for (Map.Entry<String, Listing> entry = ahead.firstEntry(); entry != null;
                    entry = ahead.higherEntry(entry.getKey())) {
                Listing listing = entry.getValue();
                if (!listing.started()) {
                    if (reading >= most) {
                        return;
                    }
                    listing.start(executor);
                    reading++;
                } else if (!expanded.contains(listing)) {
                    // a listing that failed is left for the visit, which fails the page only if it gets there
                    listing.listed().ifPresent(children -> {
                        expand(listing, children);
                        expanded.add(listing);
                    });
                }
            }
        }

        /** Adds the directories below {@code listing} that the walk will visit. */
        private void expand(Listing listing, List<String> children) {
            for (String child : children) {
                if (child.startsWith("_")) {
                    continue;
                }
                String childName = listing.name.isEmpty() ? child : listing.name + "/" + child;
                // a name below an invalid one is invalid too (each component must match, and the length only grows)
                String key = pathKey(childName);
                if (RepositoryName.isValid(childName) && mayHoldNamesAfter(key)) {
                    ahead.put(key, new Listing(driver, StoragePaths.child(listing.directory, child), childName));
                }
            }
        }

        /** Drops the listings read ahead and not needed (once the page is full, or the walk failed). */
        void dropReadAhead() {
            ahead.values().forEach(Listing::cancel);
        }

        private boolean isAfter(String key) {
            return after == null || key.compareTo(after) > 0;
        }

        /**
         * Whether the subtree of the name with this key (the name itself and every {@code key + "\0" + …}) holds a
         * key above {@code after}: unless the key is below {@code after} and {@code after} is not inside the subtree.
         */
        private boolean mayHoldNamesAfter(String key) {
            return isAfter(key) || key.equals(after) || after.startsWith(key + '\0');
        }
    }
}

package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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
 */
@ApplicationScoped
public class CatalogStore {
    private final StorageDriver driver;

    public CatalogStore(StorageDriver driver) {
        this.driver = driver;
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
        walk.visit(RegistryLayout.REPOSITORIES, "");
        return Collections.unmodifiableList(walk.page);
    }

    /**
     * Path order as plain string order: {@code /} becomes the lowest character, so a name sorts before every name
     * below it, and siblings sort as their last components do, which is the order {@link StorageDriver#list} returns.
     */
    private static String pathKey(String name) {
        return name.replace('/', '\0');
    }

    /** One page's walk: collects names whose key is above {@code after} until {@code limit} are found. */
    private final class Walk {
        private final String after;
        private final int limit;
        private final List<String> page = new ArrayList<>();

        Walk(String after, int limit) {
            this.after = after;
            this.limit = limit;
        }

        /** Visits the directory of {@code name} and the subtrees below it; false once the page is full. */
        boolean visit(String directory, String name) throws IOException {
            List<String> children;
            try {
                children = driver.list(directory);
            } catch (PathNotFoundException e) {
                return true;
            }
            if (!name.isEmpty() && children.contains(RegistryLayout.MANIFESTS_DIR) && isAfter(pathKey(name))) {
                page.add(name);
                if (page.size() >= limit) {
                    return false;
                }
            }
            for (String child : children) {
                if (child.startsWith("_")) {
                    continue;
                }
                String childName = name.isEmpty() ? child : name + "/" + child;
                // a name below an invalid one is invalid too (each component must match, and the length only grows)
                if (!RepositoryName.isValid(childName) || !mayHoldNamesAfter(pathKey(childName))) {
                    continue;
                }
                if (!visit(StoragePaths.child(directory, child), childName)) {
                    return false;
                }
            }
            return true;
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

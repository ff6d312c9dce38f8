package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The catalog: every repository holding at least one manifest, i.e. every directory under {@code repositories/}
 * with a {@code _manifests} child. Directories starting with {@code _} are not descended. (distribution lists every
 * directory with a {@code _layers} child instead, so it also shows repositories holding only blobs, and keeps
 * repositories whose manifests were all deleted; {@link ManifestStore#deleteManifest} drops {@code _manifests} then.)
 * The order is distribution's: path order, component by component, so {@code a/b} comes before {@code a-b}.
 */
@ApplicationScoped
public class CatalogStore {
    private final StorageDriver driver;

    public CatalogStore(StorageDriver driver) {
        this.driver = driver;
    }

    /** Compares names as distribution's {@code lessPath}: lexically, with {@code /} before every other character. */
    static final Comparator<String> PATH_ORDER = Comparator.comparing(name -> name.replace('/', '\0'));

    /** Up to {@code limit} repository names after {@code last} (exclusive), in path order. */
    public List<String> listRepositories(String last, int limit) throws IOException {
        List<String> all = new ArrayList<>();
        collect(RegistryLayout.REPOSITORIES, "", all);
        all.sort(PATH_ORDER);
        List<String> page = new ArrayList<>();
        for (String name : all) {
            if (page.size() >= limit) {
                break;
            }
            if (last == null || PATH_ORDER.compare(name, last) > 0) {
                page.add(name);
            }
        }
        return page;
    }

    private void collect(String directory, String prefix, List<String> out) throws IOException {
        List<String> children;
        try {
            children = driver.list(directory);
        } catch (PathNotFoundException e) {
            return;
        }
        for (String child : children) {
            if (child.equals(RegistryLayout.MANIFESTS_DIR)) {
                if (RepositoryName.isValid(prefix)) {
                    out.add(prefix);
                }
            } else if (!child.startsWith("_")) {
                collect(StoragePaths.child(directory, child), prefix.isEmpty() ? child : prefix + "/" + child, out);
            }
        }
    }
}

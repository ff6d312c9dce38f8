package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog: every repository holding at least one manifest, i.e. every directory under {@code repositories/}
 * with a {@code _manifests} child, as distribution finds them. Directories starting with {@code _} are not descended.
 */
@ApplicationScoped
public class CatalogStore {
    private final StorageDriver driver;

    public CatalogStore(StorageDriver driver) {
        this.driver = driver;
    }

    /** Up to {@code limit} repository names after {@code last} (exclusive), in lexical order. */
    public List<String> listRepositories(String last, int limit) throws IOException {
        List<String> all = new ArrayList<>();
        collect(RegistryLayout.REPOSITORIES, "", all);
        all.sort(null);
        List<String> page = new ArrayList<>();
        for (String name : all) {
            if (page.size() >= limit) {
                break;
            }
            if (last == null || name.compareTo(last) > 0) {
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

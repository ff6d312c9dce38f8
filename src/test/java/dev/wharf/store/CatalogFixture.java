package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Repository directories of every shape a catalog walk meets, written straight into a driver in distribution's
 * layout, and the names the catalog must list, in distribution's order.
 */
final class CatalogFixture {
    private static final Digest DIGEST = new Digest("sha256", "a".repeat(64));
    /** distribution's order, computed without the store: component lists compared component by component. */
    static final Comparator<String> COMPONENT_ORDER = (a, b) -> Arrays.compare(a.split("/"), b.split("/"));

    private final StorageDriver driver;
    private final List<String> listed = new ArrayList<>();

    CatalogFixture(StorageDriver driver) {
        this.driver = driver;
    }

    /** The repositories holding manifests written so far, in distribution's catalog order. */
    List<String> expected() {
        return listed.stream().sorted(COMPONENT_ORDER).toList();
    }

    /**
     * {@code count} repository directories: plain, nested inside another repository ({@code a} and {@code a/b}),
     * several components deep below directories that are not repositories, names that sort differently in path order
     * ({@code r0000/nested} before {@code r0000-x}), holding only blobs, and whose manifests were all deleted.
     */
    void populate(String prefix, int count) throws IOException {
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
}

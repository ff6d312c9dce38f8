package dev.wharf.testsupport;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Lists what a storage driver holds, to prove what a request did (or did not) write. */
public final class StorageWalk {
    private StorageWalk() {
    }

    /** Every object path under {@code root} (depth first, sorted), or nothing when {@code root} does not exist. */
    public static List<String> objects(StorageDriver driver, String root) {
        List<String> found = new ArrayList<>();
        try {
            walk(driver, root, found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void walk(StorageDriver driver, String path, List<String> found) throws IOException {
        FileInfo info;
        try {
            info = driver.stat(path);
        } catch (PathNotFoundException e) {
            return;
        }
        if (!info.directory()) {
            found.add(path);
            return;
        }
        for (String child : driver.list(path)) {
            walk(driver, path.equals("/") ? "/" + child : path + "/" + child, found);
        }
    }
}

package dev.wharf.storage;

import java.io.IOException;

/** Nothing exists at the path. Part of the {@link StorageDriver} contract. */
public class PathNotFoundException extends IOException {
    public PathNotFoundException(String path) {
        super("path not found: " + path);
    }
}

package dev.wharf.storage;

import java.io.IOException;

/** Nothing exists at the path. Part of the {@link StorageDriver} contract. */
public class PathNotFoundException extends IOException {
    public PathNotFoundException(String path) {
        super("path not found: " + path);
    }

    /** The object at the path was there but its content is gone, for the given reason: it counts as missing. */
    public PathNotFoundException(String path, String reason) {
        super("path not found: " + path + " (" + reason + ")");
    }

    /** The same failure, for another caller of a shared read ({@link SharedReads}). */
    PathNotFoundException(PathNotFoundException shared) {
        super(shared.getMessage(), shared);
    }
}

package dev.wharf.storage;

import java.util.regex.Pattern;

/** The path grammar every driver enforces (see {@link StorageDriver}). */
public final class StoragePaths {
    private static final Pattern VALID = Pattern.compile("/|(/[A-Za-z0-9._-]+)+");

    private StoragePaths() {
    }

    /** Returns the path if valid; throws {@link InvalidPathException} otherwise. */
    public static String check(String path) {
        if (path == null || !VALID.matcher(path).matches() || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new InvalidPathException(path);
        }
        return path;
    }

    /**
     * Returns the path if it is valid and can name an object, i.e. is not the root; throws
     * {@link InvalidPathException} otherwise. Drivers use it where an object is created.
     */
    public static String checkObject(String path) {
        if ("/".equals(check(path))) {
            throw new InvalidPathException(path);
        }
        return path;
    }

    /** The parent directory of a valid path ({@code "/"} for a top-level entry). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Joins a directory and a child name. */
    public static String child(String directory, String name) {
        return "/".equals(directory) ? "/" + name : directory + "/" + name;
    }
}

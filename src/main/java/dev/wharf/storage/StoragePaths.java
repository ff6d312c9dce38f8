package dev.wharf.storage;

/** The path grammar every driver enforces (see {@link StorageDriver}). */
public final class StoragePaths {
    private StoragePaths() {
    }

    /**
     * Returns the path if valid: {@code "/"}, or {@code /segment/...} where every segment is one or more of
     * {@code [A-Za-z0-9._-]} and neither {@code .} nor {@code ..}; throws {@link InvalidPathException} otherwise.
     * Checked in one pass, without a regex: every storage operation checks its path.
     */
    public static String check(String path) {
        if (path == null || !isValid(path)) {
            throw new InvalidPathException(path);
        }
        return path;
    }

    private static boolean isValid(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            char c = i == length ? '/' : path.charAt(i);
            if (c == '/') {
                if (!isSegment(path, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!isSegmentChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSegment(String path, int start, int end) {
        int size = end - start;
        if (size == 0) {
            return false;
        }
        return size > 2 || path.charAt(start) != '.' || path.charAt(end - 1) != '.';
    }

    private static boolean isSegmentChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
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

package dev.wharf.storage;

/** A path that does not follow the {@link StorageDriver} path grammar; nothing was touched. */
public class InvalidPathException extends IllegalArgumentException {
    public InvalidPathException(String path) {
        super("invalid storage path: " + path);
    }
}

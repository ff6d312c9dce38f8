package dev.wharf.storage;

/** A path that does not follow the {@link StorageDriver} path grammar; nothing was touched. */
public class InvalidPathException extends IllegalArgumentException {
    public InvalidPathException(String path) {
        super("invalid storage path: " + path);
    }

    /** The same failure, for another caller of a shared read ({@link SharedReads}). */
    InvalidPathException(InvalidPathException shared) {
        super(shared.getMessage(), shared);
    }
}

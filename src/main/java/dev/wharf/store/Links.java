package dev.wharf.store;

import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads and writes distribution's link files: the text {@code sha256:<hex>} with no newline. */
final class Links {
    private Links() {
    }

    /** The digest a link points to, or empty when the link does not exist. */
    static Optional<Digest> read(StorageDriver driver, String path) throws IOException {
        byte[] content;
        try {
            content = driver.getContent(path);
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
        String text = new String(content, StandardCharsets.US_ASCII).trim();
        try {
            return Optional.of(Digest.parse(text));
        } catch (RegistryException e) {
            throw new IOException("corrupt link " + path + ": " + e.getMessage());
        }
    }

    static void write(StorageDriver driver, String path, Digest digest) throws IOException {
        driver.putContent(path, digest.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * True when the link file exists. It is read, not stat'ed: on S3 a stat that misses costs a second request (to
     * look for a directory of that name), a read costs one either way, and a link is a few bytes.
     */
    static boolean isPresent(StorageDriver driver, String path) throws IOException {
        try {
            driver.getContent(path);
            return true;
        } catch (PathNotFoundException e) {
            return false;
        }
    }

    /** True when an object or a directory exists at the path. */
    static boolean exists(StorageDriver driver, String path) throws IOException {
        try {
            driver.stat(path);
            return true;
        } catch (PathNotFoundException e) {
            return false;
        }
    }
}

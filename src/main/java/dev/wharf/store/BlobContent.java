package dev.wharf.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A blob ready to be served: its size, and either a local file (served zero-copy) or a stream opened at an offset.
 */
public record BlobContent(long size, Optional<Path> file, Opener opener) {

    /** Opens the blob's bytes from an offset. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset) throws IOException;
    }

    public InputStream open(long offset) throws IOException {
        return opener.open(offset);
    }
}

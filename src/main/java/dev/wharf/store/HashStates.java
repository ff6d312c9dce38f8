package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The running SHA-256 of each upload, saved in storage as distribution does ({@code blobwriter_resumable.go}
 * {@code storeHashState}/{@code resumeDigest}): after each chunk, {@code _uploads/<id>/hashstates/sha256/<offset>}
 * holds the state after {@code offset} bytes, so that any instance resumes the digest without re-reading the data.
 * An upload without a state at its current size (written by an older program, or a save that did not happen) resumes
 * from the latest state below it and hashes only the bytes after it; with none, from the start.
 */
final class HashStates {
    private static final Logger LOG = Logger.getLogger(HashStates.class);
    private static final String ALGORITHM = "sha256";
    private static final int BUFFER = 256 * 1024;

    private final StorageDriver driver;

    HashStates(StorageDriver driver) {
        this.driver = driver;
    }

    /** The SHA-256 state after the first {@code size} bytes of the upload's data. */
    Sha256State resume(RepositoryName name, UploadId id, long size) throws IOException {
        if (size == 0) {
            return new Sha256State();
        }
        Sha256State exact = load(name, id, size);
        if (exact != null) {
            return exact;
        }
        Sha256State state = latestBelow(name, id, size);
        if (state == null) {
            state = new Sha256State();
        }
        long from = state.length();
        byte[] buffer = new byte[BUFFER];
        long remaining = size - from;
        try (InputStream in = driver.reader(RegistryLayout.uploadData(name, id), from)) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("upload data of " + id + " is shorter than " + size);
                }
                state.update(buffer, 0, n);
                remaining -= n;
            }
        }
        return state;
    }

    /** Saves the state under its length. A failure is logged only: resuming falls back to hashing the data. */
    void save(RepositoryName name, UploadId id, Sha256State state) {
        try {
            driver.putScratch(RegistryLayout.uploadHashState(name, id, ALGORITHM, state.length()), state.marshal());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "cannot save the hash state of upload %s at %d", id, state.length());
        }
    }

    private Sha256State load(RepositoryName name, UploadId id, long offset) throws IOException {
        byte[] content;
        try {
            content = driver.getContent(RegistryLayout.uploadHashState(name, id, ALGORITHM, offset));
        } catch (PathNotFoundException e) {
            return null;
        }
        try {
            Sha256State state = Sha256State.unmarshal(content);
            return state.length() == offset ? state : null;
        } catch (IllegalArgumentException e) {
            LOG.debugf("ignoring the unreadable hash state of upload %s at %d", id, offset);
            return null;
        }
    }

    private Sha256State latestBelow(RepositoryName name, UploadId id, long size) throws IOException {
        List<String> offsets;
        try {
            offsets = driver.list(RegistryLayout.uploadHashStates(name, id, ALGORITHM));
        } catch (PathNotFoundException e) {
            return null;
        }
        long best = -1;
        for (String entry : offsets) {
            try {
                long offset = Long.parseLong(entry);
                if (offset > best && offset < size) {
                    best = offset;
                }
            } catch (NumberFormatException e) {
                // not a state
            }
        }
        return best > 0 ? load(name, id, best) : null;
    }
}

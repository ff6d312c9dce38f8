package dev.wharf.store;

import dev.wharf.model.RepositoryName;

import java.time.Instant;

/**
 * Where an upload stands, as distribution's {@code blobUploadState} carries it from one request to the next in the
 * signed {@code _state} of the Location: the repository, the session id, the number of bytes stored and when it
 * started. A state the client presents is a claim: the store checks it against storage.
 */
public record UploadState(RepositoryName name, UploadId id, long offset, Instant startedAt) {
    public UploadState {
        if (name == null || id == null || startedAt == null || offset < 0) {
            throw new IllegalArgumentException("incomplete upload state");
        }
    }

    public UploadState at(long newOffset) {
        return new UploadState(name, id, newOffset, startedAt);
    }
}

package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.ParsedManifest;

/** A manifest as stored: its digest, the exact bytes pushed, and a reading of them. Immutable. */
public record StoredManifest(Digest digest, byte[] bytes, ParsedManifest parsed) {
    public String mediaType() {
        return parsed.mediaType();
    }
}

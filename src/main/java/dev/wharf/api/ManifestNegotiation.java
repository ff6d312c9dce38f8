package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.MediaTypes;
import dev.wharf.store.StoredManifest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Content negotiation of manifest GET/HEAD, as {@code registry:2} does it for the types it knows: an OCI manifest or
 * index is refused with {@code MANIFEST_UNKNOWN} when the client lists what it accepts and that list leaves the OCI
 * type out. Wharf is more forgiving than {@code registry:2} in one way: no {@code Accept} at all, or a wildcard, means
 * anything is accepted, so {@code curl} gets what was pushed.
 */
final class ManifestNegotiation {
    private final Set<String> accepted = new HashSet<>();
    private final boolean acceptsAnything;

    ManifestNegotiation(List<String> acceptHeaders) {
        if (acceptHeaders != null) {
            for (String header : acceptHeaders) {
                addTypes(header);
            }
        }
        acceptsAnything = accepted.isEmpty() || accepted.contains("*/*") || accepted.contains("application/*");
    }

    /**
     * Adds the media types of one {@code Accept} header: its comma-separated parts without their parameters. One pass
     * over the header, on every manifest GET and HEAD.
     */
    private void addTypes(String header) {
        int start = 0;
        int typeEnd = -1;
        for (int i = 0; i <= header.length(); i++) {
            char c = i == header.length() ? ',' : header.charAt(i);
            if (c == ';' && typeEnd < 0) {
                typeEnd = i;
            } else if (c == ',') {
                String type = header.substring(start, typeEnd < 0 ? i : typeEnd).trim();
                if (!type.isEmpty()) {
                    accepted.add(type);
                }
                start = i + 1;
                typeEnd = -1;
            }
        }
    }

    boolean accepts(String mediaType) {
        return acceptsAnything || accepted.contains(mediaType);
    }

    /** Throws when the stored manifest is an OCI type the client said it cannot take. */
    void check(StoredManifest manifest) {
        String type = manifest.mediaType();
        if (accepts(type)) {
            return;
        }
        if (MediaTypes.OCI_MANIFEST.equals(type)) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
                    "OCI manifest found, but accept header does not support OCI manifests");
        }
        if (MediaTypes.OCI_INDEX.equals(type)) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
                    "OCI index found, but accept header does not support OCI indexes");
        }
    }
}

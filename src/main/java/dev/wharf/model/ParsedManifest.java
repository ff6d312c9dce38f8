package dev.wharf.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the registry needs to know of a manifest or index: its media type, what it references and its subject. The
 * bytes themselves are stored and served exactly as pushed; this is only a reading of them.
 */
public record ParsedManifest(String mediaType, Optional<Descriptor> config, List<Descriptor> layers,
                             List<Descriptor> manifests, Optional<Descriptor> subject, String artifactType,
                             Map<String, String> annotations) {

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The artifact type a referrers listing shows: {@code artifactType}, else the config's media type. */
    public Optional<String> effectiveArtifactType() {
        if (artifactType != null) {
            return Optional.of(artifactType);
        }
        return config.map(Descriptor::mediaType);
    }
}

package dev.wharf.store;

import dev.wharf.model.Descriptor;
import dev.wharf.model.Digest;
import dev.wharf.model.MediaTypes;
import dev.wharf.model.ParsedManifest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.error.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The referrers of a manifest: every manifest of the repository whose {@code subject} is that digest, found by
 * reading the repository's revisions (cached by digest, so this costs a listing once the manifests are warm). Entries
 * of a referrers-tag-schema index ({@code <alg>-<hex>}) that clients maintained before are included too.
 */
@ApplicationScoped
public class ReferrersStore {
    private final ManifestStore manifests;

    public ReferrersStore(ManifestStore manifests) {
        this.manifests = manifests;
    }

    /** Descriptors of the referrers of {@code subject}, optionally only those of one artifact type. */
    public List<Descriptor> listReferrers(RepositoryName name, Digest subject, Optional<String> artifactType)
            throws IOException {
        Map<Digest, Descriptor> found = new LinkedHashMap<>();
        for (Digest revision : manifests.listRevisions(name)) {
            Optional<StoredManifest> stored = manifests.load(revision);
            if (stored.isPresent() && stored.get().parsed().subject()
                    .filter(s -> s.digest().equals(subject)).isPresent()) {
                found.put(revision, describe(stored.get()));
            }
        }
        tagSchemaEntries(name, subject).forEach(d -> found.putIfAbsent(d.digest(), d));
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : found.values()) {
            if (artifactType.isEmpty() || artifactType.get().equals(d.artifactType())) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(Descriptor::digest));
        return out;
    }

    private static Descriptor describe(StoredManifest manifest) {
        ParsedManifest parsed = manifest.parsed();
        return new Descriptor(parsed.mediaType(), manifest.digest(), manifest.bytes().length,
                parsed.effectiveArtifactType().orElse(null), parsed.annotations(), null, false);
    }

    private List<Descriptor> tagSchemaEntries(RepositoryName name, Digest subject) throws IOException {
        String tag = subject.algorithm() + "-" + subject.hex();
        if (!Tag.isValid(tag)) {
            return List.of();
        }
        StoredManifest index;
        try {
            index = manifests.getManifest(name, new Reference.ByTag(new Tag(tag)));
        } catch (RegistryException e) {
            return List.of();
        }
        if (!MediaTypes.OCI_INDEX.equals(index.mediaType())) {
            return List.of();
        }
        return index.parsed().manifests();
    }
}

package dev.wharf.api;

import dev.wharf.error.RegistryException;
import dev.wharf.model.Descriptor;
import dev.wharf.model.Digest;
import dev.wharf.model.MediaTypes;
import dev.wharf.model.ParsedManifest;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.notifications.Event;
import dev.wharf.notifications.Notifier;
import dev.wharf.store.BlobStore;
import dev.wharf.store.ManifestStore;
import dev.wharf.store.StoredManifest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code target} of an event, as distribution fills it: for a manifest its media type, size, digest, repository,
 * canonical URL (by digest) and tag; for a blob {@code application/octet-stream}, size, digest, repository and URL;
 * for a delete only the repository and the digest or tag. What the request knows is taken at once; the size and media
 * type are read from the stores when the event is sent ({@link Pending#resolve()}), off the request thread.
 */
@Singleton
public class EventTargets {
    private final ManifestStore manifests;
    private final BlobStore blobs;
    private final Locations locations;
    private final Notifier notifier;

    public EventTargets(ManifestStore manifests, BlobStore blobs, Locations locations, Notifier notifier) {
        this.manifests = manifests;
        this.blobs = blobs;
        this.locations = locations;
        this.notifier = notifier;
    }

    /** A target still to complete; {@code mount} when it is a blob mounted from another repository. */
    public record Pending(boolean mount, Supplier<Event.Target> completion) {
        Event.Target resolve() {
            return completion.get();
        }
    }

    Pending manifest(HttpServerRequest request, String name, String reference, String digest) {
        RepositoryName repository = RepositoryName.parse(name);
        Digest manifest = Digest.parse(digest);
        String tag = Reference.parse(reference) instanceof Reference.ByTag byTag ? byTag.tag().value() : null;
        String url = locations.manifest(request, repository, manifest);
        boolean references = notifier.includeReferences();
        return new Pending(false, () -> {
            Optional<StoredManifest> stored = load(manifest);
            Long size = stored.map(m -> (long) m.bytes().length).orElse(null);
            return new Event.Target(stored.map(StoredManifest::mediaType).orElse(null), size, digest, size,
                    repository.value(), null, url, tag,
                    references ? stored.map(m -> references(m.parsed())).orElse(null) : null);
        });
    }

    /** A pulled, pushed or (with {@code mountedFrom}, empty when the mount named none) mounted blob. */
    Pending blob(HttpServerRequest request, String name, String digest, String mountedFrom) {
        RepositoryName repository = RepositoryName.parse(name);
        Digest blob = Digest.parse(digest);
        String url = locations.blob(request, repository, blob);
        String from = mountedFrom == null || mountedFrom.isEmpty() ? null : mountedFrom;
        return new Pending(mountedFrom != null, () -> {
            Long size = size(repository, blob);
            return new Event.Target(MediaTypes.OCTET_STREAM, size, digest, size, repository.value(), from, url, null,
                    null);
        });
    }

    /** A deleted manifest or blob (by digest) or tag. */
    Pending deleted(String name, String reference) {
        String repository = RepositoryName.parse(name).value();
        Reference ref = Reference.parse(reference);
        Event.Target target = ref instanceof Reference.ByTag byTag
                ? new Event.Target(null, null, null, null, repository, null, null, byTag.tag().value(), null)
                : new Event.Target(null, null, ref.toString(), null, repository, null, null, null, null);
        return new Pending(false, () -> target);
    }

    private Optional<StoredManifest> load(Digest digest) {
        try {
            return manifests.load(digest);
        } catch (IOException | RegistryException e) {
            return Optional.empty();
        }
    }

    private Long size(RepositoryName repository, Digest digest) {
        try {
            return blobs.headBlob(repository, digest);
        } catch (IOException | RegistryException e) {
            return null;
        }
    }

    /** distribution's {@code Manifest.References()}: the config then the layers, or an index's manifests. */
    private static List<Event.Reference> references(ParsedManifest parsed) {
        List<Descriptor> descriptors = new ArrayList<>();
        parsed.config().ifPresent(descriptors::add);
        descriptors.addAll(parsed.layers());
        descriptors.addAll(parsed.manifests());
        return descriptors.stream()
                .map(d -> new Event.Reference(d.mediaType(), d.size(), d.digest().toString())).toList();
    }
}

package dev.wharf.store;

import dev.wharf.model.Digest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Manifests by digest. Content addressed by digest never changes, so it is cached freely; the cache is bounded by the
 * total size of the bytes it holds and drops the least recently used first.
 */
final class ManifestCache {
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Digest, StoredManifest> entries = new LinkedHashMap<>(256, 0.75f, true);

    ManifestCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized StoredManifest get(Digest digest) {
        return entries.get(digest);
    }

    synchronized void put(StoredManifest manifest) {
        if (manifest.bytes().length > maxBytes / 4) {
            return;
        }
        StoredManifest previous = entries.put(manifest.digest(), manifest);
        if (previous != null) {
            bytes -= previous.bytes().length;
        }
        bytes += manifest.bytes().length;
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Digest, StoredManifest> eldest = it.next();
            bytes -= eldest.getValue().bytes().length;
            it.remove();
        }
    }
}

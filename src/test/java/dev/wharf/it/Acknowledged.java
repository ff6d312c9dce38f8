package dev.wharf.it;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger of {@link CrashSafetyIT}: what Wharf acknowledged to the rounds' clients (and what was in flight at a
 * kill), which {@link CrashChecks} holds every restarted Wharf to. Client threads write it concurrently.
 */
final class Acknowledged {
    /** {@code repo@digest} of every blob acknowledged (201) and not deleted since. */
    final Set<String> blobs = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} to the bytes of every manifest acknowledged and not deleted since. */
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    /** {@code repo@digest} of manifests and blobs whose delete was acknowledged (202). */
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} whose delete was in flight at the kill: present (unchanged) or gone. */
    final Set<String> eitherWay = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} to the bytes of the manifests the delete rounds push (the others are blobs). */
    final Map<String, byte[]> deletableManifests = new ConcurrentHashMap<>();
    /** {@code repo:tag} of tags that a {@code PUT} was acknowledged for: they never disappear. */
    final Set<String> taggedOnce = ConcurrentHashMap.newKeySet();
    /** {@code repo:tag} to what it may name: the last acknowledged digest and the one in flight at the kill. */
    final Map<String, Set<String>> tags = new ConcurrentHashMap<>();
}

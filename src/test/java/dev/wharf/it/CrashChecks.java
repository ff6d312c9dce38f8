package dev.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testsupport.TestBlobs;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.wharf.it.CrashHarness.OCI_MANIFEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@link CrashSafetyIT} checks after each restart: the tree on disk (no torn blob, link or manifest; every link
 * names what exists) and the API (everything {@link Acknowledged acknowledged} before the kills served as it was, an
 * acknowledged delete still deleted, a tag on its last acknowledged manifest or the one in flight).
 */
final class CrashChecks {
    private static final Pattern LINK = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern BLOB_DATA = Pattern.compile("blobs/sha256/([0-9a-f]{2})/([0-9a-f]{64})/data");
    private static final Pattern REVISION = Pattern.compile(
            "repositories/(.+)/_manifests/revisions/sha256/([0-9a-f]{64})/link");
    private static final Pattern TAG_CURRENT = Pattern.compile(
            "repositories/(.+)/_manifests/tags/([^/]+)/current/link");
    private static final Pattern TAG_INDEX = Pattern.compile(
            "repositories/(.+)/_manifests/tags/([^/]+)/index/sha256/([0-9a-f]{64})/link");
    private static final Pattern LAYER = Pattern.compile("repositories/(.+)/_layers/sha256/([0-9a-f]{64})/link");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CrashHarness harness;
    private final Acknowledged acknowledged;
    /** Blob files already hashed, with their size, so each round hashes only new ones. */
    private final Map<Path, Long> hashed = new HashMap<>();

    CrashChecks(CrashHarness harness) {
        this.harness = harness;
        this.acknowledged = harness.acknowledged;
    }

    /** Walks {@code docker/registry/v2} on disk; returns how many {@code .tmp-} files the kills left. */
    int assertStorageConsistent(String label) throws IOException {
        Path v2 = harness.root.resolve("docker/registry/v2");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(v2)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        int temporaries = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String relative = v2.relativize(file).toString().replace('\\', '/');
            if (name.startsWith(".tmp-")) {
                temporaries++;
                continue;
            }
            Matcher matcher = BLOB_DATA.matcher(relative);
            if (matcher.matches()) {
                assertEquals(matcher.group(2).substring(0, 2), matcher.group(1), relative);
                long size = Files.size(file);
                if (!Long.valueOf(size).equals(hashed.get(file))) {
                    assertEquals("sha256:" + matcher.group(2), TestBlobs.sha256(file),
                            label + ": torn blob " + relative);
                    hashed.put(file, size);
                }
                continue;
            }
            assertFalse(relative.startsWith("blobs/"), label + ": unexpected file " + relative);
            if (!name.equals("link")) {
                continue;
            }
            String link = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertTrue(LINK.matcher(link).matches(), label + ": torn link " + relative + ": '" + link + "'");
            String hex = link.substring("sha256:".length());
            if (relative.contains("/_uploads/")) {
                continue;
            }
            assertTrue(Files.isRegularFile(blobData(v2, hex)), label + ": " + relative + " names a missing blob");
            if ((matcher = REVISION.matcher(relative)).matches()) {
                assertEquals(matcher.group(2), hex, relative);
                JsonNode manifest = JSON.readTree(blobData(v2, hex).toFile());
                assertEquals(2, manifest.path("schemaVersion").asInt(), label + ": revision " + relative);
            } else if ((matcher = TAG_CURRENT.matcher(relative)).matches()) {
                assertTrue(Files.isRegularFile(v2.resolve("repositories/" + matcher.group(1)
                                + "/_manifests/revisions/sha256/" + hex + "/link")),
                        label + ": tag " + relative + " names a missing revision " + link);
            } else if ((matcher = TAG_INDEX.matcher(relative)).matches()) {
                assertEquals(matcher.group(3), hex, relative);
            } else if ((matcher = LAYER.matcher(relative)).matches()) {
                assertEquals(matcher.group(2), hex, relative);
            } else {
                fail(label + ": unexpected link " + relative);
            }
        }
        return temporaries;
    }

    /** Catalog, tag lists, and everything acknowledged before the kills, through the restarted Wharf. */
    void assertAcknowledgedServed(String label) throws IOException {
        HttpResponse<byte[]> catalog = harness.send(harness.request("/v2/_catalog?n=1000"));
        assertEquals(200, catalog.statusCode(), label + ": catalog");
        List<String> repositories = new ArrayList<>();
        JSON.readTree(catalog.body()).path("repositories").forEach(r -> repositories.add(r.asText()));
        // Wharf lists repositories holding manifests (see CatalogStore)
        acknowledged.manifests.keySet().forEach(key -> assertTrue(repositories.contains(key.split("@")[0]),
                label + ": catalog " + repositories + " misses " + key));
        for (String repository : repositories) {
            assertFalse(repository.contains(".tmp-"), label + ": catalog shows " + repository);
            HttpResponse<byte[]> list = harness.send(harness.request("/v2/" + repository + "/tags/list"));
            assertNotEquals(500, list.statusCode(), label + ": tags of " + repository);
            JSON.readTree(list.body()).path("tags").forEach(t -> assertFalse(t.asText().startsWith(".tmp-"),
                    label + ": tag list of " + repository + " shows " + t));
        }
        for (String key : acknowledged.blobs) {
            String[] parts = key.split("@");
            assertEquals(parts[1], harness.blobDigest(parts[0], parts[1]), label + ": acknowledged blob " + key);
        }
        for (Map.Entry<String, byte[]> manifest : acknowledged.manifests.entrySet()) {
            String[] parts = manifest.getKey().split("@");
            HttpResponse<byte[]> get = harness.send(harness.request("/v2/" + parts[0] + "/manifests/" + parts[1])
                    .header("Accept", OCI_MANIFEST));
            assertEquals(200, get.statusCode(), label + ": acknowledged manifest " + manifest.getKey());
            assertArrayEquals(manifest.getValue(), get.body(), label + ": manifest " + manifest.getKey());
        }
        for (String key : acknowledged.deleted) {
            String[] parts = key.split("@");
            String kind = acknowledged.deletableManifests.containsKey(key) ? "manifests" : "blobs";
            assertEquals(404, harness.head("/v2/" + parts[0] + "/" + kind + "/" + parts[1]),
                    label + ": deleted " + key);
        }
        for (String key : acknowledged.eitherWay) { // what it is now, it stays
            String[] parts = key.split("@");
            byte[] manifest = acknowledged.deletableManifests.get(key);
            String kind = manifest != null ? "manifests/" : "blobs/";
            HttpResponse<byte[]> get = harness.send(harness.request("/v2/" + parts[0] + "/" + kind + parts[1])
                    .header("Accept", OCI_MANIFEST));
            if (get.statusCode() == 404) {
                acknowledged.deleted.add(key);
                continue;
            }
            assertEquals(200, get.statusCode(), label + ": delete in flight " + key);
            assertEquals(parts[1], TestBlobs.sha256(get.body()), label + ": delete in flight " + key);
            if (manifest != null) {
                acknowledged.manifests.put(key, manifest);
            } else {
                acknowledged.blobs.add(key);
            }
        }
        acknowledged.eitherWay.clear();
        for (Map.Entry<String, Set<String>> tag : acknowledged.tags.entrySet()) {
            String[] parts = tag.getKey().split(":");
            HttpResponse<byte[]> get = harness.send(harness.request("/v2/" + parts[0] + "/manifests/" + parts[1])
                    .header("Accept", OCI_MANIFEST));
            if (get.statusCode() == 404 && !acknowledged.taggedOnce.contains(tag.getKey())) {
                tag.getValue().clear(); // its first PUT was in flight and did not happen
                continue;
            }
            String digest = get.headers().firstValue("Docker-Content-Digest").orElse("none");
            assertTrue(get.statusCode() == 200 && tag.getValue().contains(digest), label + ": tag " + tag.getKey()
                    + " answers " + get.statusCode() + " " + digest + ", expected one of " + tag.getValue());
            assertEquals(digest, TestBlobs.sha256(get.body()), label + ": tag " + tag.getKey());
            tag.getValue().retainAll(Set.of(digest));
            acknowledged.taggedOnce.add(tag.getKey());
        }
    }

    private static Path blobData(Path v2, String hex) {
        return v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

}

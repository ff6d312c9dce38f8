package dev.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testsupport.GeneratedBlob;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code kill -9} at any moment leaves no torn blob, link or manifest, on filesystem storage and the packaged jar.
 * Rounds with seeded, randomised timing kill the JVM in the middle of a 256 MiB monolithic upload, of a chunked
 * {@code PATCH}, of a burst of manifest {@code PUT}s moving tags, and of a burst of {@code DELETE}s; after each, Wharf
 * restarts on the same root and the test checks
 * <ul>
 * <li>the tree on disk: every blob's {@code data} hashes to its name, every {@code link} is exactly
 * {@code sha256:<64 hex>} and names an existing blob (a revision's is a JSON manifest), every tag's
 * {@code current/link} names a revision of its repository; {@code .tmp-} leftovers are allowed, only counted;</li>
 * <li>the API: catalog and tag lists answer without {@code .tmp-} names, everything acknowledged before the kill is
 * served byte-identical, an acknowledged delete stays deleted, a tag names its last acknowledged manifest or the one
 * in flight;</li>
 * <li>an upload killed mid-{@code PATCH} reports a size between what was acknowledged and what was sent (the partial
 * chunk is kept) and completes to the right digest with the remaining bytes.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSafetyIT {
    private static final long SEED = 0x5EED_C8A5L;
    private static final int ROUNDS = 12;
    private static final int MIB = 1 << 20;
    private static final long BIG = 256L * MIB;
    private static final int CHUNKED = 40 * MIB;
    private static final int FIRST_CHUNK = 8 * MIB;
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
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
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Random random = new Random(SEED);
    private Path root;
    private Map<String, String> environment;
    private WharfProcess wharf;
    private String bigDigest;

    /** {@code repo@digest} of every blob acknowledged (201) and not deleted since. */
    private final Set<String> blobs = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} to the bytes of every manifest acknowledged and not deleted since. */
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    /** {@code repo@digest} of manifests and blobs whose delete was acknowledged (202). */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} whose delete was in flight at the kill: present (unchanged) or gone. */
    private final Set<String> eitherWay = ConcurrentHashMap.newKeySet();
    /** {@code repo@digest} to the bytes of the manifests the delete rounds push (the others are blobs). */
    private final Map<String, byte[]> deletableManifests = new ConcurrentHashMap<>();
    /** {@code repo:tag} of tags that a {@code PUT} was acknowledged for: they never disappear. */
    private final Set<String> taggedOnce = ConcurrentHashMap.newKeySet();
    /** {@code repo:tag} to what it may name: the last acknowledged digest and the one in flight at the kill. */
    private final Map<String, Set<String>> tags = new ConcurrentHashMap<>();
    /** What the client threads of a burst failed with. */
    private final List<Throwable> clientFailures = new CopyOnWriteArrayList<>();
    /** Blob files already hashed, with their size, so each round hashes only new ones. */
    private final Map<Path, Long> hashed = new HashMap<>();
    /** What the last round did before the kill, for the log. */
    private String note;
    private String configDigest;
    private int configSize;
    private String layerDigest;

    @BeforeAll
    void start() throws IOException {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-it-").toAbsolutePath();
        environment = Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toString(),
                "REGISTRY_HTTP_SECRET", "crash-it-secret", "REGISTRY_STORAGE_DELETE_ENABLED", "true");
        wharf = WharfProcess.launch("wharf-crash", environment).awaitStarted();
        bigDigest = GeneratedBlob.sha256(BIG);
    }

    @AfterAll
    void stop() throws IOException {
        if (wharf != null) {
            wharf.close();
        }
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void killNineAtAnyMomentLeavesTheOldStateOrTheNew() throws Exception {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = TestBlobs.random(64 * 1024, SEED);
        configDigest = pushBlob("crash/tags", config);
        configSize = config.length;
        layerDigest = pushBlob("crash/tags", layer);
        pushBlob("crash/deletes", config);
        pushBlob("crash/deletes", layer);
        for (int round = 0; round < ROUNDS; round++) {
            Runnable afterRestart = switch (round % 4) {
                case 0 -> monolithicUpload(round);
                case 1 -> chunkedUpload(round);
                case 2 -> manifestBurst(round);
                default -> deleteBurst(round);
            };
            String label = "round " + round + " (seed " + SEED + ")";
            long started = System.nanoTime();
            wharf = WharfProcess.launch("wharf-crash", environment).awaitStarted();
            int temporaries = assertStorageConsistent(label);
            assertAcknowledgedServed(label);
            afterRestart.run();
            System.out.printf("CrashSafetyIT %s: %s; consistent, %d .tmp- files on disk; %d ms%n", label, note,
                    temporaries, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Kills during a 256 MiB {@code POST ?digest=} (or {@code PUT ?digest=} to a session); the blob must not exist. */
    private Runnable monolithicUpload(int round) throws Exception {
        String repository = "crash/mono";
        long killAt = (16L + random.nextInt(200)) * MIB;
        String url = wharf.base() + "/v2/" + repository + "/blobs/uploads/?digest=" + bigDigest;
        String method = "POST";
        String session = null;
        if (round % 8 == 4) {
            session = startUpload(repository);
            url = withDigest(wharf.url(session), bigDigest);
            method = "PUT";
        }
        WharfProcess victim = wharf;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", OCTET_STREAM)
                .method(method, BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                        () -> new KillAfter(new GeneratedBlob(BIG), killAt, victim)), BIG));
        assertEquals(-1, statusUntilKilled(request), method + " of 256 MiB finished before the kill at " + killAt);
        note = method + " killed after " + killAt / MIB + " MiB sent";
        String killedSession = session;
        return () -> {
            assertEquals(404, head("/v2/" + repository + "/blobs/" + bigDigest),
                    "an upload killed after " + killAt + " of " + BIG + " bytes left a blob");
            if (killedSession != null) {
                cancelKilledSession(killedSession);
            }
        };
    }

    /**
     * A session killed in its first write holds only a temporary file: it reports 0 bytes, and cancelling it removes
     * its directory with that file.
     */
    private void cancelKilledSession(String location) {
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(URI.create(wharf.url(location))).GET());
        assertEquals(204, status.statusCode(), () -> new String(status.body(), StandardCharsets.UTF_8));
        assertEquals("0-0", status.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> cancel = send(HttpRequest.newBuilder(URI.create(wharf.url(location))).DELETE());
        assertEquals(204, cancel.statusCode(), () -> new String(cancel.body(), StandardCharsets.UTF_8));
        String id = URI.create(location).getPath().replaceAll(".*/", "");
        assertFalse(Files.exists(root.resolve("docker/registry/v2/repositories/crash/mono/_uploads/" + id)),
                "the cancelled session's directory (and the temporary file of the killed PUT) is gone");
    }

    /**
     * Kills during a {@code PATCH} with {@code Content-Range} (the first chunk of a session, or the second after an
     * acknowledged first); after the restart, the session reports what it kept and completes with the rest.
     */
    private Runnable chunkedUpload(int round) throws Exception {
        String repository = "crash/chunked";
        byte[] content = TestBlobs.random(CHUNKED, SEED + round);
        String digest = TestBlobs.sha256(content);
        String location = startUpload(repository);
        boolean killInFirst = round % 8 == 5;
        int from = 0;
        if (!killInFirst) {
            HttpResponse<byte[]> first = send(patchRequest(wharf.url(location), content, 0, FIRST_CHUNK, -1));
            assertEquals(202, first.statusCode(), () -> new String(first.body(), StandardCharsets.UTF_8));
            location = first.headers().firstValue("Location").orElseThrow();
            from = FIRST_CHUNK;
        }
        // past the few MiB that socket buffers hold, so that part of the chunk usually reached the disk
        long killAt = from + 12 * MIB + random.nextInt(CHUNKED - from - 14 * MIB);
        assertEquals(-1, statusUntilKilled(patchRequest(wharf.url(location), content, from, CHUNKED, killAt - from)),
                "PATCH finished before the kill");
        note = "PATCH from " + from + " killed after " + killAt + " bytes sent";
        String lastLocation = location;
        int acknowledged = from;
        return () -> resumeAfterKill(repository, content, digest, lastLocation, acknowledged, killAt);
    }

    private void resumeAfterKill(String repository, byte[] content, String digest, String location, int acknowledged,
                                 long sent) {
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(URI.create(wharf.url(location))).GET());
        assertEquals(204, status.statusCode(), () -> "status of the upload killed mid-PATCH: "
                + new String(status.body(), StandardCharsets.UTF_8));
        String range = status.headers().firstValue("Range").orElseThrow();
        long end = Long.parseLong(range.substring(range.indexOf('-') + 1));
        int size = (int) (end == 0 ? 0 : end + 1);
        assertTrue(size >= acknowledged && size <= sent,
                "upload size " + size + " after the kill: acknowledged " + acknowledged + ", sent " + sent);
        if (acknowledged == 0) {
            assertEquals(0, size, "a first PATCH killed midway is written to a temporary file, never visible");
        }
        String resumed = status.headers().firstValue("Location").orElseThrow();
        if (size < content.length) {
            HttpResponse<byte[]> rest = send(patchRequest(wharf.url(resumed), content, size, content.length, -1));
            assertEquals(202, rest.statusCode(), () -> new String(rest.body(), StandardCharsets.UTF_8));
            resumed = rest.headers().firstValue("Location").orElseThrow();
        }
        HttpResponse<byte[]> done = send(HttpRequest.newBuilder(URI.create(withDigest(wharf.url(resumed), digest)))
                .header("Content-Type", OCTET_STREAM).PUT(BodyPublishers.noBody()));
        assertEquals(201, done.statusCode(), () -> "completing after the kill (kept " + size + " bytes): "
                + new String(done.body(), StandardCharsets.UTF_8));
        blobs.add(repository + "@" + digest);
        assertEquals(digest, blobDigest(repository, digest));
        System.out.printf("CrashSafetyIT: upload killed mid-PATCH kept %d bytes (acknowledged %d, sent %d)%n",
                size, acknowledged, sent);
    }

    /** Four clients move four tags to new manifests as fast as they can; the kill comes after 100-500 ms. */
    private Runnable manifestBurst(int round) throws Exception {
        String repository = "crash/tags";
        AtomicBoolean stop = new AtomicBoolean();
        String base = wharf.base();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String tag = "t" + client;
            int c = client;
            clients.add(startClient(() -> {
                Set<String> candidates = tags.computeIfAbsent(repository + ":" + tag,
                        t -> ConcurrentHashMap.newKeySet());
                for (int n = 0; !stop.get(); n++) {
                    byte[] manifest = manifest("r" + round + "c" + c + "n" + n);
                    String digest = TestBlobs.sha256(manifest);
                    candidates.add(digest);
                    int status = statusUntilKilled(HttpRequest.newBuilder(
                                    URI.create(base + "/v2/" + repository + "/manifests/" + tag))
                            .header("Content-Type", OCI_MANIFEST).PUT(BodyPublishers.ofByteArray(manifest)));
                    if (status < 0) {
                        return;
                    }
                    assertEquals(201, status, "manifest PUT");
                    manifests.put(repository + "@" + digest, manifest);
                    taggedOnce.add(repository + ":" + tag);
                    candidates.retainAll(Set.of(digest));
                }
            }));
        }
        int before = manifests.size();
        Thread.sleep(100 + random.nextInt(400));
        wharf.kill();
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        assertEquals(List.of(), clientFailures);
        note = (manifests.size() - before) + " manifest PUTs acknowledged before the kill";
        return () -> { };
    }

    /**
     * Pushes manifests and blobs into a repository, then deletes them one after the other, alternating manifests and
     * blobs; the kill comes after 5-125 ms.
     */
    private Runnable deleteBurst(int round) throws Exception {
        String repository = "crash/deletes";
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] manifest = manifest("delete-r" + round + "-" + i);
            String digest = TestBlobs.sha256(manifest);
            HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                    + "/manifests/" + digest)).header("Content-Type", OCI_MANIFEST)
                    .PUT(BodyPublishers.ofByteArray(manifest)));
            assertEquals(201, put.statusCode());
            manifests.put(repository + "@" + digest, manifest);
            deletableManifests.put(repository + "@" + digest, manifest);
            paths.add("manifests/" + digest);
            paths.add("blobs/" + pushBlob(repository, TestBlobs.random(4096 + i, SEED + 1000L * round + i)));
        }
        String base = wharf.base();
        Thread deleter = startClient(() -> {
            for (String path : paths) {
                String key = repository + "@" + path.substring(path.indexOf('/') + 1);
                eitherWay.add(key);
                manifests.remove(key);
                blobs.remove(key);
                int status = statusUntilKilled(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/"
                        + path)).DELETE());
                if (status < 0) {
                    return;
                }
                assertEquals(202, status, "DELETE " + path);
                eitherWay.remove(key);
                deleted.add(key);
            }
        });
        Thread.sleep(5 + random.nextInt(120));
        wharf.kill();
        deleter.join();
        assertEquals(List.of(), clientFailures);
        note = "killed with " + paths.stream().filter(p -> deleted.contains(repository + "@"
                + p.substring(p.indexOf('/') + 1))).count() + " of " + paths.size() + " DELETEs acknowledged";
        return () -> { };
    }

    /** Walks {@code docker/registry/v2} on disk; returns how many {@code .tmp-} files the kills left. */
    private int assertStorageConsistent(String label) throws IOException {
        Path v2 = root.resolve("docker/registry/v2");
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
                    assertEquals("sha256:" + matcher.group(2), sha256(file), label + ": torn blob " + relative);
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
    private void assertAcknowledgedServed(String label) throws IOException {
        HttpResponse<byte[]> catalog = send(request("/v2/_catalog?n=1000"));
        assertEquals(200, catalog.statusCode(), label + ": catalog");
        List<String> repositories = new ArrayList<>();
        JSON.readTree(catalog.body()).path("repositories").forEach(r -> repositories.add(r.asText()));
        // Wharf lists repositories holding manifests (see CatalogStore)
        manifests.keySet().forEach(key -> assertTrue(repositories.contains(key.split("@")[0]),
                label + ": catalog " + repositories + " misses " + key));
        for (String repository : repositories) {
            assertFalse(repository.contains(".tmp-"), label + ": catalog shows " + repository);
            HttpResponse<byte[]> list = send(request("/v2/" + repository + "/tags/list"));
            assertNotEquals(500, list.statusCode(), label + ": tags of " + repository);
            JSON.readTree(list.body()).path("tags").forEach(t -> assertFalse(t.asText().startsWith(".tmp-"),
                    label + ": tag list of " + repository + " shows " + t));
        }
        for (String key : blobs) {
            String[] parts = key.split("@");
            assertEquals(parts[1], blobDigest(parts[0], parts[1]), label + ": acknowledged blob " + key);
        }
        for (Map.Entry<String, byte[]> manifest : manifests.entrySet()) {
            String[] parts = manifest.getKey().split("@");
            HttpResponse<byte[]> get = send(request("/v2/" + parts[0] + "/manifests/" + parts[1])
                    .header("Accept", OCI_MANIFEST));
            assertEquals(200, get.statusCode(), label + ": acknowledged manifest " + manifest.getKey());
            assertArrayEquals(manifest.getValue(), get.body(), label + ": manifest " + manifest.getKey());
        }
        for (String key : deleted) {
            String[] parts = key.split("@");
            String kind = deletableManifests.containsKey(key) ? "manifests" : "blobs";
            assertEquals(404, head("/v2/" + parts[0] + "/" + kind + "/" + parts[1]), label + ": deleted " + key);
        }
        for (String key : eitherWay) { // what it is now, it stays
            String[] parts = key.split("@");
            byte[] manifest = deletableManifests.get(key);
            String kind = manifest != null ? "manifests/" : "blobs/";
            HttpResponse<byte[]> get = send(request("/v2/" + parts[0] + "/" + kind + parts[1])
                    .header("Accept", OCI_MANIFEST));
            if (get.statusCode() == 404) {
                deleted.add(key);
                continue;
            }
            assertEquals(200, get.statusCode(), label + ": delete in flight " + key);
            assertEquals(parts[1], TestBlobs.sha256(get.body()), label + ": delete in flight " + key);
            if (manifest != null) {
                manifests.put(key, manifest);
            } else {
                blobs.add(key);
            }
        }
        eitherWay.clear();
        for (Map.Entry<String, Set<String>> tag : tags.entrySet()) {
            String[] parts = tag.getKey().split(":");
            HttpResponse<byte[]> get = send(request("/v2/" + parts[0] + "/manifests/" + parts[1])
                    .header("Accept", OCI_MANIFEST));
            if (get.statusCode() == 404 && !taggedOnce.contains(tag.getKey())) {
                tag.getValue().clear(); // its first PUT was in flight and did not happen
                continue;
            }
            String digest = get.headers().firstValue("Docker-Content-Digest").orElse("none");
            assertTrue(get.statusCode() == 200 && tag.getValue().contains(digest), label + ": tag " + tag.getKey()
                    + " answers " + get.statusCode() + " " + digest + ", expected one of " + tag.getValue());
            assertEquals(digest, TestBlobs.sha256(get.body()), label + ": tag " + tag.getKey());
            tag.getValue().retainAll(Set.of(digest));
            taggedOnce.add(tag.getKey());
        }
    }

    private byte[] manifest(String annotation) {
        return TestBlobs.utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layerDigest + "\",\"size\":65536}],\"annotations\":{\"crash-it\":\"" + annotation + "\"}}");
    }

    private String pushBlob(String repository, byte[] content) {
        String digest = TestBlobs.sha256(content);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/blobs/uploads/?digest=" + digest)).header("Content-Type", OCTET_STREAM)
                .POST(BodyPublishers.ofByteArray(content)));
        assertEquals(201, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        blobs.add(repository + "@" + digest);
        return digest;
    }

    private String startUpload(String repository) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/blobs/uploads/")).POST(BodyPublishers.noBody()));
        assertEquals(202, response.statusCode());
        return response.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A {@code PATCH} of {@code content[from, to)} with its {@code Content-Range}; with {@code killAfter >= 0}, the
     * body kills the current Wharf once that many bytes were read from it.
     */
    private HttpRequest.Builder patchRequest(String url, byte[] content, int from, int to, long killAfter) {
        WharfProcess victim = wharf;
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", OCTET_STREAM)
                .header("Content-Range", from + "-" + (to - 1))
                .method("PATCH", BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                    InputStream body = new ByteArrayInputStream(content, from, to - from);
                    return killAfter < 0 ? body : new KillAfter(body, killAfter, victim);
                }), to - from));
    }

    /** Starts a client thread of a burst; what it fails with lands in {@link #clientFailures}. */
    private Thread startClient(Runnable client) {
        Thread thread = new Thread(client, "crash-it-client");
        thread.setUncaughtExceptionHandler((t, e) -> clientFailures.add(e));
        thread.start();
        return thread;
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(wharf.base() + path)).GET();
    }

    private int head(String path) {
        return send(HttpRequest.newBuilder(URI.create(wharf.base() + path))
                .method("HEAD", BodyPublishers.noBody())).statusCode();
    }

    /** {@code sha256:<hex>} of the blob as served. */
    private String blobDigest(String repository, String digest) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request("/v2/" + repository + "/blobs/" + digest)
                    .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                assertEquals(200, response.statusCode(), "GET blob " + repository + "@" + digest);
                return sha256(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status, or -1 when the connection broke (the server was killed). */
    private static int statusUntilKilled(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path blobData(Path v2, String hex) {
        return v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digest.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request body that kills Wharf ({@code SIGKILL}) once {@code limit} bytes were read from it. */
    private static final class KillAfter extends FilterInputStream {
        private final long limit;
        private final WharfProcess victim;
        private long count;
        private boolean killed;

        KillAfter(InputStream in, long limit, WharfProcess victim) {
            super(in);
            this.limit = limit;
            this.victim = victim;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!killed && count >= limit) {
                killed = true;
                victim.kill();
            }
            int n = super.read(buffer, offset, killed ? length : (int) Math.min(length, Math.max(1, limit - count)));
            count += Math.max(0, n);
            return n;
        }
    }
}

package dev.wharf.it;

import dev.wharf.testsupport.GeneratedBlob;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.wharf.testsupport.TestBlobs.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What replicas of Wharf behind a load balancer guarantee, on the packaged jar: two processes ({@code -Xmx128m}) with
 * one {@code REGISTRY_HTTP_SECRET} and one storage continue each other's uploads, push the same blob and the same tag
 * at once without harm, and see each other's manifests at once; a third with another secret refuses their upload
 * states; a 1 GiB push fits the 128 MiB heap. Each subclass supplies the storage (its {@code REGISTRY_STORAGE*}
 * variables) and a look at the stored objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplicaGuarantees {
    private static final String SECRET = "it-shared-secret";
    private static final int MIB = 1 << 20;
    /** Resident memory a -Xmx128m replica may reach (measured: 170 MiB on filesystem, 210-300 MiB on S3). */
    private static final long MAX_RSS_MIB = 512;
    /** Follows redirects, as registry clients do: a replica may answer blob GETs with a 307 to the storage. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    private WharfProcess first;
    private WharfProcess second;
    private WharfProcess foreign;

    /** Prepares empty storage and returns the variables that select it. */
    abstract Map<String, String> startStorage() throws Exception;

    /** Releases the storage (after the Wharfs stopped). */
    abstract void stopStorage() throws Exception;

    /** How many objects lie directly in the directory at {@code path} ({@code /docker/...}) of the storage. */
    abstract long countFiles(String path) throws Exception;

    /** The size of the stored object at {@code path}. */
    abstract long size(String path) throws Exception;

    /** Deletes the stored object at {@code path}, to give its space back. */
    abstract void delete(String path) throws Exception;

    /** Variables of the second replica only, on top of the storage's (e.g. another redirect setting). */
    Map<String, String> secondReplicaVariables() {
        return Map.of();
    }

    WharfProcess firstReplica() {
        return first;
    }

    WharfProcess secondReplica() {
        return second;
    }

    /** Size of the big push: 1 GiB unless the storage cannot hold it in a reasonable time. */
    long bigPushSize() {
        return 1L << 30;
    }

    @BeforeAll
    void startWharfs() throws Exception {
        Map<String, String> storage = startStorage();
        first = WharfProcess.launch("wharf-a", with(storage, SECRET));
        Map<String, String> secondVariables = with(storage, SECRET);
        secondVariables.putAll(secondReplicaVariables());
        second = WharfProcess.launch("wharf-b", secondVariables);
        foreign = WharfProcess.launch("wharf-foreign", with(storage, "another-secret"));
        for (WharfProcess wharf : List.of(first, second, foreign)) {
            wharf.awaitStarted();
        }
    }

    private static Map<String, String> with(Map<String, String> storage, String secret) {
        Map<String, String> variables = new HashMap<>(storage);
        variables.put("REGISTRY_HTTP_SECRET", secret);
        variables.put("REGISTRY_STORAGE_DELETE_ENABLED", "true");
        return variables;
    }

    @AfterAll
    void stopWharfs() throws Exception {
        for (WharfProcess wharf : Arrays.asList(first, second, foreign)) {
            if (wharf != null) {
                wharf.close();
            }
        }
        stopStorage();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String location(HttpResponse<byte[]> response, int status) {
        assertEquals(status, response.statusCode(), () -> body(response));
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), () -> body(response));
        assertTrue(body(response).contains("\"code\":\"" + code + "\""), () -> body(response));
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream");
    }

    private static String post(WharfProcess wharf, String repository) {
        return location(send(request(wharf.base() + "/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody())), 202);
    }

    private static String patch(WharfProcess wharf, String location, byte[] chunk, String contentRange) {
        HttpRequest.Builder request = request(wharf.url(location))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk));
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        return location(send(request), 202);
    }

    private static String withDigest(String url, String digest) {
        return url + (url.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    private static HttpResponse<byte[]> get(WharfProcess wharf, String repository, String kind, String reference) {
        return send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository + "/" + kind + "/"
                + reference)).header("Accept", Manifests.OCI_MANIFEST).GET());
    }

    static void pushBlob(WharfProcess wharf, String repository, byte[] content) {
        HttpResponse<byte[]> pushed = send(request(withDigest(wharf.base() + "/v2/" + repository
                + "/blobs/uploads/", sha256(content))).POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertEquals(201, pushed.statusCode(), () -> body(pushed));
    }

    private static void putManifest(WharfProcess wharf, String repository, String reference, byte[] manifest) {
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/manifests/" + reference)).header("Content-Type", Manifests.OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        assertEquals(201, put.statusCode(), () -> body(put));
    }

    /** An image manifest over a config and a layer of its own, both pushed through {@code wharf}. */
    private static byte[] image(WharfProcess wharf, String repository, long seed) {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}");
        byte[] layer = TestBlobs.random(4096, seed);
        pushBlob(wharf, repository, config);
        pushBlob(wharf, repository, layer);
        return RegistryApi.ociManifest(sha256(config), config.length, sha256(layer), Integer.toString(layer.length));
    }

    /** The manifest a tag resolves to on {@code wharf}, checked against the digest it is served with. */
    private static String resolve(WharfProcess wharf, String repository, String tag) {
        HttpResponse<byte[]> manifest = get(wharf, repository, "manifests", tag);
        assertEquals(200, manifest.statusCode(), () -> body(manifest));
        String digest = sha256(manifest.body());
        assertEquals(digest, manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
        return digest;
    }

    private void assertServedByBoth(String repository, String digest, byte[] content) {
        for (WharfProcess wharf : List.of(first, second)) {
            HttpResponse<byte[]> blob = get(wharf, repository, "blobs", digest);
            assertEquals(200, blob.statusCode(), () -> body(blob));
            assertArrayEquals(content, blob.body(), "blob served by " + wharf.base());
        }
    }

    @Test
    void chunkedUploadAlternatingBetweenInstancesCompletes() throws Exception {
        String repository = "it/alternate";
        // chunks above and below S3's 5 MiB part minimum (the S3 profile's chunk size), then a final PUT with data
        byte[] content = TestBlobs.random(13 * MIB + 12345, 1);
        int[] cuts = {0, 1000, 1000 + 6 * MIB, 1000 + 6 * MIB + 300_000, 12 * MIB, content.length};
        WharfProcess[] order = {second, first, second, first, second};

        String location = post(first, repository);
        for (int i = 0; i < order.length - 1; i++) {
            byte[] chunk = Arrays.copyOfRange(content, cuts[i], cuts[i + 1]);
            String range = i % 2 == 0 ? cuts[i] + "-" + (cuts[i + 1] - 1) : null; // docker sends none
            location = patch(order[i], location, chunk, range);
        }
        HttpResponse<byte[]> status = send(request(second.url(location)).GET());
        assertEquals(204, status.statusCode());
        assertEquals("0-" + (cuts[4] - 1), status.headers().firstValue("Range").orElseThrow());
        String id = status.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        assertEquals(4, countFiles("/docker/registry/v2/repositories/" + repository + "/_uploads/" + id
                + "/hashstates/sha256"), "one saved hash state per chunk");

        byte[] last = Arrays.copyOfRange(content, cuts[4], cuts[5]);
        String digest = sha256(content);
        HttpResponse<byte[]> done = send(request(withDigest(order[4].url(location), digest))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(last)));
        assertEquals(201, done.statusCode(), () -> body(done));
        assertEquals(digest, done.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertServedByBoth(repository, digest, content);
    }

    @Test
    void stateSignedWithAnotherSecretOrTamperedIsInvalid() {
        String repository = "it/foreign";
        byte[] content = TestBlobs.random(5000, 2);
        String location = patch(second, post(first, repository), content, null);

        assertError(send(request(foreign.url(location)).GET()), 404, "BLOB_UPLOAD_INVALID");
        assertError(send(request(foreign.url(location)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content))),
                404, "BLOB_UPLOAD_INVALID");
        assertError(send(request(withDigest(foreign.url(location), sha256(content)))
                .PUT(HttpRequest.BodyPublishers.noBody())), 404, "BLOB_UPLOAD_INVALID");
        assertError(send(request(foreign.url(location)).DELETE()), 404, "BLOB_UPLOAD_INVALID");

        int at = location.indexOf("_state=") + "_state=".length() + 50;
        String tampered = location.substring(0, at) + (location.charAt(at) == 'A' ? 'B' : 'A')
                + location.substring(at + 1);
        assertError(send(request(first.url(tampered)).GET()), 404, "BLOB_UPLOAD_INVALID");
        assertError(send(request(second.url(tampered)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content))),
                404, "BLOB_UPLOAD_INVALID");

        HttpResponse<byte[]> done = send(request(withDigest(first.url(location), sha256(content)))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, done.statusCode(), "the refusals changed nothing");
        assertServedByBoth(repository, sha256(content), content);
    }

    @Test
    void twoInstancesPushingTheSameBlobAtOnceBothSucceed() throws Exception {
        String repository = "it/concurrent";
        byte[] content = TestBlobs.random(8 * MIB, 3);
        String digest = sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> pushes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                WharfProcess wharf = i % 2 == 0 ? first : second;
                Callable<Integer> push = () -> send(request(withDigest(
                        wharf.base() + "/v2/" + repository + "/blobs/uploads/", digest))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))).statusCode();
                pushes.add(pool.submit(push));
            }
            for (Future<Integer> push : pushes) {
                assertEquals(201, push.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertServedByBoth(repository, digest, content);
    }

    @Test
    void twoInstancesPushingOneTagAtOnceAgreeOnOneManifest() throws Exception {
        String repository = "it/tag-race";
        byte[][] manifests = {image(first, repository, 10), image(second, repository, 11)};
        Set<String> digests = Set.of(sha256(manifests[0]), sha256(manifests[1]));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String tag = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    WharfProcess wharf = i % 2 == 0 ? first : second;
                    byte[] manifest = manifests[(i + round) % 2];
                    puts.add(pool.submit(() -> {
                        go.await();
                        putManifest(wharf, repository, tag, manifest);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> put : puts) {
                    put.get();
                }
                String winner = resolve(first, repository, tag);
                assertTrue(digests.contains(winner), winner);
                assertEquals(winner, resolve(second, repository, tag), "both replicas resolve " + tag + " alike");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manifestsPushedThroughOneInstanceAreServedByTheOther() {
        String repository = "it/across";
        byte[] one = image(first, repository, 20);
        byte[] two = image(second, repository, 21);

        putManifest(first, repository, "latest", one);
        assertEquals(sha256(one), resolve(first, repository, "latest"));
        assertEquals(sha256(one), resolve(second, repository, "latest"), "pushed via A, served by B");

        putManifest(second, repository, "latest", two);
        assertEquals(sha256(two), resolve(first, repository, "latest"), "re-tagged via B, seen by A");
        assertEquals(sha256(two), resolve(second, repository, "latest"));
        assertArrayEquals(one, get(second, repository, "manifests", sha256(one)).body(), "the old one by digest");

        putManifest(first, repository, "latest", one);
        assertEquals(sha256(one), resolve(second, repository, "latest"), "and back via A, seen by B");
    }

    @Test
    void tagsListedByOneInstanceFollowEveryChangeMadeThroughTheOther() {
        String repository = "it/taglist";
        byte[] one = image(first, repository, 30);
        putManifest(first, repository, "v1", one);
        for (int i = 0; i < 3; i++) { // listed, then (on S3) remembered
            assertEquals("[\"v1\"]", tagsList(second, repository));
        }
        putManifest(first, repository, "v2", one);
        assertEquals("[\"v1\",\"v2\"]", tagsList(second, repository), "a tag pushed via A, listed by B at once");
        HttpResponse<byte[]> deleted = send(HttpRequest.newBuilder(URI.create(first.base() + "/v2/" + repository
                + "/manifests/v1")).DELETE());
        assertEquals(202, deleted.statusCode(), () -> body(deleted));
        assertEquals("[\"v2\"]", tagsList(second, repository), "a tag deleted via A, gone from B at once");
    }

    /** The {@code tags} array of the repository's tags list on {@code wharf}, as JSON. */
    private static String tagsList(WharfProcess wharf, String repository) {
        HttpResponse<byte[]> list = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/tags/list")).GET());
        assertEquals(200, list.statusCode(), () -> body(list));
        String json = body(list);
        return json.substring(json.indexOf('[', json.indexOf("\"tags\"")), json.lastIndexOf(']') + 1);
    }

    @Test
    void bigPushAndPullInA128MebibyteHeap() {
        long size = bigPushSize();
        String digest = GeneratedBlob.sha256(size);
        String repository = "it/big";

        long started = System.nanoTime();
        String location = post(first, repository);
        HttpResponse<byte[]> patched = send(request(first.url(location)).method("PATCH",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new GeneratedBlob(size)), size)));
        location = location(patched, 202);
        assertEquals("0-" + (size - 1), patched.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> done = send(request(withDigest(second.url(location), digest))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(201, done.statusCode(), () -> body(done));
        long peakRss = first.peakRssKib() / 1024;
        System.out.printf("%s: %d MiB POST+PATCH+PUT (docker's flow) in %.1f s: %.0f MiB/s; peak RSS of the"
                + " receiving -Xmx128m replica %d MiB%n", getClass().getSimpleName(), size / MIB, seconds,
                size / MIB / seconds, peakRss);
        // heap, metaspace, code cache, thread stacks and direct buffers: bounded, and far below the blob
        assertTrue(peakRss < MAX_RSS_MIB, "peak RSS " + peakRss + " MiB");

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(second.base() + "/v2/" + repository
                + "/blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(size, head.headers().firstValueAsLong("Content-Length").orElseThrow());

        started = System.nanoTime();
        assertEquals(digest, pulledDigest(second.base() + "/v2/" + repository + "/blobs/" + digest, size));
        seconds = (System.nanoTime() - started) / 1e9;
        long pullPeakRss = second.peakRssKib() / 1024;
        System.out.printf("%s: %d MiB GET in %.1f s: %.0f MiB/s; peak RSS of the -Xmx128m replica %d MiB%n",
                getClass().getSimpleName(), size / MIB, seconds, size / MIB / seconds, pullPeakRss);
        assertTrue(pullPeakRss < MAX_RSS_MIB, "peak RSS " + pullPeakRss + " MiB");
        String hex = digest.substring("sha256:".length());
        try {
            String data = "/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
            assertEquals(size, size(data));
            delete(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams a GET's body through SHA-256 (never holding it whole) and checks its length. */
    private static String pulledDigest(String url, long size) {
        try {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long read = 0;
            byte[] buffer = new byte[1 << 20];
            try (InputStream in = response.body()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha256.update(buffer, 0, n);
                    read += n;
                }
            }
            assertEquals(size, read, "bytes pulled");
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

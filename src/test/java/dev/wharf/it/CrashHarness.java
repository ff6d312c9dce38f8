package dev.wharf.it;

import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The harness of {@link CrashSafetyIT}: the packaged Wharf on a filesystem root of its own (launched, killed and
 * launched again on that root), the seeded randomness of the rounds, the HTTP requests they send (with bodies that kill
 * Wharf midway), their client threads, the manifests they push, and the ledger of what Wharf acknowledged.
 */
final class CrashHarness implements AutoCloseable {
    static final long SEED = 0x5EED_C8A5L;
    static final int MIB = 1 << 20;
    static final String OCTET_STREAM = "application/octet-stream";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Every random choice of the rounds, in order: the same seed gives the same kill points. */
    final Random random = new Random(SEED);
    /** What Wharf acknowledged to the rounds' clients, checked after each restart. */
    final Acknowledged acknowledged = new Acknowledged();
    /** What the client threads of a burst failed with. */
    final List<Throwable> clientFailures = new CopyOnWriteArrayList<>();
    /** The storage root, shared by every Wharf launched. */
    final Path root;
    private final Map<String, String> environment;
    private WharfProcess wharf;
    private String configDigest;
    private int configSize;
    private String layerDigest;

    /** Creates the storage root under {@code target}; {@link #launch()} starts Wharf on it. */
    CrashHarness() throws IOException {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-it-").toAbsolutePath();
        environment = Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toString(),
                "REGISTRY_HTTP_SECRET", "crash-it-secret", "REGISTRY_STORAGE_DELETE_ENABLED", "true");
    }

    /** Launches Wharf on the root (again, after a kill) and waits until it answers. */
    void launch() {
        wharf = WharfProcess.launch("wharf-crash", environment).awaitStarted();
    }

    /** The Wharf launched last (killed, once a round has killed it). */
    WharfProcess wharf() {
        return wharf;
    }

    /** The base URL of the Wharf launched last. */
    String base() {
        return wharf.base();
    }

    /** The absolute URL of a {@code Location} the Wharf launched last answered. */
    String url(String location) {
        return wharf.url(location);
    }

    /** Stops the Wharf running and deletes the root. */
    @Override
    public void close() throws IOException {
        if (wharf != null) {
            wharf.close();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Pushes the config and the layer that the rounds' manifests refer to, into both repositories that hold some. */
    void pushImageBlobs(String first, String second) {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = TestBlobs.random(64 * 1024, SEED);
        configDigest = pushBlob(first, config);
        configSize = config.length;
        layerDigest = pushBlob(first, layer);
        pushBlob(second, config);
        pushBlob(second, layer);
    }

    /** An OCI manifest of the config and the layer {@link #pushImageBlobs} pushed, made unique by its annotation. */
    byte[] manifest(String annotation) {
        return TestBlobs.utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layerDigest + "\",\"size\":65536}],\"annotations\":{\"crash-it\":\"" + annotation + "\"}}");
    }

    String pushBlob(String repository, byte[] content) {
        String digest = TestBlobs.sha256(content);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/blobs/uploads/?digest=" + digest)).header("Content-Type", OCTET_STREAM)
                .POST(BodyPublishers.ofByteArray(content)));
        assertEquals(201, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        acknowledged.blobs.add(repository + "@" + digest);
        return digest;
    }

    String startUpload(String repository) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(wharf.base() + "/v2/" + repository
                + "/blobs/uploads/")).POST(BodyPublishers.noBody()));
        assertEquals(202, response.statusCode());
        return response.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A {@code PATCH} of {@code content[from, to)} with its {@code Content-Range}; with {@code killAfter >= 0}, the
     * body kills the current Wharf once that many bytes were read from it.
     */
    HttpRequest.Builder patchRequest(String url, byte[] content, int from, int to, long killAfter) {
        WharfProcess victim = wharf;
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", OCTET_STREAM)
                .header("Content-Range", from + "-" + (to - 1))
                .method("PATCH", BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                    InputStream body = new ByteArrayInputStream(content, from, to - from);
                    return killAfter < 0 ? body : new KillAfter(body, killAfter, victim);
                }), to - from));
    }

    /** Starts a client thread of a burst; what it fails with lands in {@link #clientFailures}. */
    Thread startClient(Runnable client) {
        Thread thread = new Thread(client, "crash-it-client");
        thread.setUncaughtExceptionHandler((t, e) -> clientFailures.add(e));
        thread.start();
        return thread;
    }

    static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(wharf.base() + path)).GET();
    }

    int head(String path) {
        return send(HttpRequest.newBuilder(URI.create(wharf.base() + path))
                .method("HEAD", BodyPublishers.noBody())).statusCode();
    }

    /** {@code sha256:<hex>} of the blob as served. */
    String blobDigest(String repository, String digest) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request("/v2/" + repository + "/blobs/" + digest)
                    .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                assertEquals(200, response.statusCode(), "GET blob " + repository + "@" + digest);
                return TestBlobs.sha256(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) {
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
    static int statusUntilKilled(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    /** A round's kill: what happened before it, for the log, and what to check once Wharf is back on the root. */
    record Crash(String note, Runnable afterRestart) {
    }

    /** A request body that kills Wharf ({@code SIGKILL}) once {@code limit} bytes were read from it. */
    static final class KillAfter extends FilterInputStream {
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

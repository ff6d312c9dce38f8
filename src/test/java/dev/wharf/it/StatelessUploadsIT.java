package dev.wharf.it;

import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stateless uploads on the packaged jar: two Wharf processes with one secret and one filesystem root continue each
 * other's uploads; a third with another secret refuses their states. Each runs with {@code -Xmx128m}, which a
 * 1 GiB push must not notice.
 */
class StatelessUploadsIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SECRET = "it-shared-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Path root;
    private static Wharf first;
    private static Wharf second;
    private static Wharf foreign;

    private record Wharf(ChildProcess process, String base) {
        String url(String location) {
            URI uri = URI.create(location);
            return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }

    private static Wharf start(String name, String secret) {
        int port = FreePort.find();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess process = ChildProcess.start(name, List.of(java, "-Xmx128m", "-jar", JAR.toString()), Map.of(
                "REGISTRY_HTTP_ADDR", "127.0.0.1:" + port,
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toAbsolutePath().toString(),
                "REGISTRY_HTTP_SECRET", secret));
        String base = "http://127.0.0.1:" + port;
        process.awaitHttp(URI.create(base + "/v2/"), 200, Duration.ofSeconds(60));
        return new Wharf(process, base);
    }

    @BeforeAll
    static void startWharfs() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "package first: " + JAR);
        root = Files.createTempDirectory(Path.of("target"), "stateless-it-");
        first = start("wharf-a", SECRET);
        second = start("wharf-b", SECRET);
        foreign = start("wharf-foreign", "another-secret");
    }

    @AfterAll
    static void stopWharfs() throws IOException {
        for (Wharf wharf : new Wharf[]{first, second, foreign}) {
            if (wharf != null) {
                wharf.process().close();
            }
        }
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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

    private static String location(HttpResponse<byte[]> response, int status) {
        assertEquals(status, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(body.contains("\"code\":\"" + code + "\""), body);
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream");
    }

    private static String post(Wharf wharf, String repository) {
        return location(send(request(wharf.base() + "/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody())), 202);
    }

    private static String patch(Wharf wharf, String location, byte[] chunk, String contentRange) {
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

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void chunkedUploadAlternatingBetweenInstancesCompletes() throws Exception {
        String repository = "it/alternate";
        byte[] content = random(3 * 1024 * 1024 + 12345, 1);
        int[] cuts = {0, 1000, 1_048_613, 2_500_000, 3_000_000, content.length};
        Wharf[] order = {second, first, second, first, second};

        String location = post(first, repository);
        for (int i = 0; i < order.length - 1; i++) {
            byte[] chunk = java.util.Arrays.copyOfRange(content, cuts[i], cuts[i + 1]);
            String range = i % 2 == 0 ? cuts[i] + "-" + (cuts[i + 1] - 1) : null; // docker sends none
            location = patch(order[i], location, chunk, range);
        }
        HttpResponse<byte[]> status = send(request(second.url(location)).GET());
        assertEquals(204, status.statusCode());
        assertEquals("0-" + (cuts[4] - 1), status.headers().firstValue("Range").orElseThrow());
        String id = status.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        try (Stream<Path> states = Files.list(root.resolve("docker/registry/v2/repositories/" + repository
                + "/_uploads/" + id + "/hashstates/sha256"))) {
            assertEquals(4, states.count(), "one saved hash state per chunk");
        }

        byte[] last = java.util.Arrays.copyOfRange(content, cuts[4], cuts[5]);
        String digest = sha256(content);
        HttpResponse<byte[]> done = send(request(withDigest(order[4].url(location), digest))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(last)));
        assertEquals(201, done.statusCode(), () -> new String(done.body(), StandardCharsets.UTF_8));
        assertEquals(digest, done.headers().firstValue("Docker-Content-Digest").orElseThrow());

        HttpResponse<byte[]> blob = send(HttpRequest.newBuilder(
                URI.create(first.base() + "/v2/" + repository + "/blobs/" + digest)).GET());
        assertEquals(200, blob.statusCode());
        assertArrayEquals(content, blob.body());
    }

    @Test
    void stateSignedWithAnotherSecretOrTamperedIsInvalid() throws Exception {
        String repository = "it/foreign";
        byte[] content = random(5000, 2);
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
    }

    @Test
    void twoInstancesPushingTheSameBlobAtOnceBothSucceed() throws Exception {
        String repository = "it/concurrent";
        byte[] content = random(8 * 1024 * 1024, 3);
        String digest = sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> pushes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Wharf wharf = i % 2 == 0 ? first : second;
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
        for (Wharf wharf : new Wharf[]{first, second}) {
            HttpResponse<byte[]> blob = send(HttpRequest.newBuilder(
                    URI.create(wharf.base() + "/v2/" + repository + "/blobs/" + digest)).GET());
            assertEquals(200, blob.statusCode());
            assertEquals(digest, sha256(blob.body()));
        }
    }

    /** 1 GiB of reproducible bytes, generated as they are read: 1 MiB random blocks, each stamped with its number. */
    private static final class GeneratedBlob extends InputStream {
        static final long SIZE = 1L << 30;
        private static final int BLOCK = 1 << 20;
        private final byte[] block = random(BLOCK, 4);
        private long position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= SIZE) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK);
            if (inBlock == 0) {
                long number = position / BLOCK;
                for (int i = 0; i < 8; i++) {
                    block[i] = (byte) (number >>> (8 * i));
                }
            }
            int n = (int) Math.min(Math.min(length, BLOCK - inBlock), SIZE - position);
            System.arraycopy(block, inBlock, buffer, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void oneGibibytePushIntoA128MebibyteHeap() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GeneratedBlob()) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                expected.update(buffer, 0, n);
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(expected.digest());
        String repository = "it/gibibyte";

        long started = System.nanoTime();
        String location = post(first, repository);
        HttpResponse<byte[]> patched = send(request(first.url(location)).method("PATCH",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(GeneratedBlob::new),
                        GeneratedBlob.SIZE)));
        location = location(patched, 202);
        assertEquals("0-" + (GeneratedBlob.SIZE - 1), patched.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> done = send(request(withDigest(second.url(location), digest))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(201, done.statusCode(), () -> new String(done.body(), StandardCharsets.UTF_8));
        System.out.printf("1 GiB POST+PATCH+PUT (docker's flow) in %.1f s: %.0f MiB/s%n", seconds, 1024 / seconds);

        Path stored = root.resolve("docker/registry/v2/blobs/sha256/" + digest.substring(7, 9) + "/"
                + digest.substring(7) + "/data");
        assertEquals(GeneratedBlob.SIZE, Files.size(stored));
        Files.delete(stored);
    }
}

package dev.wharf.bench;

import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.S3Proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The storage one registry runs on, fresh for each: a new directory under {@code target/bench/}, or a new S3Proxy
 * (objects in its heap) reached through a {@link CountingHttpProxy} that counts the registry's S3 requests. Both
 * registries get the same settings: deletes enabled, access log off, log level {@code warn}, S3 multipart chunks of {@value #CHUNK_SIZE} bytes
 * (distribution's default), blob GETs served rather than redirected.
 */
final class BenchStorage implements AutoCloseable {
    static final long CHUNK_SIZE = 10L * 1024 * 1024;
    private static final String BUCKET = "registry";
    private static final String ROOT = "/bench";

    private final String kind;
    private final Path directory;
    private final S3Proxy s3;
    private final CountingHttpProxy counter;

    private BenchStorage(String kind, Path directory, S3Proxy s3, CountingHttpProxy counter) {
        this.kind = kind;
        this.directory = directory;
        this.s3 = s3;
        this.counter = counter;
    }

    /** {@code kind}: {@code filesystem} or {@code s3}; {@code s3proxyHeap}: S3Proxy's {@code -Xmx}. */
    static BenchStorage create(String kind, String s3proxyHeap) {
        Path directory;
        try {
            directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")), kind + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind.equals("filesystem")) {
            return new BenchStorage(kind, directory, null, null);
        }
        S3Proxy s3 = S3Proxy.start(directory, s3proxyHeap);
        try (var client = s3.client()) {
            client.createBucket(request -> request.bucket(BUCKET));
        }
        return new BenchStorage(kind, directory, s3, CountingHttpProxy.start(s3.endpoint()));
    }

    String kind() {
        return kind;
    }

    /** Wharf's {@code REGISTRY_*} variables for this storage. */
    Map<String, String> wharfVariables() {
        Map<String, String> variables = new HashMap<>(Map.of("REGISTRY_STORAGE_DELETE_ENABLED", "true",
                "REGISTRY_HTTP_SECRET", ReferenceRegistry.SECRET,
                // as ReferenceRegistry configures docker-registry: no access log, warnings and errors only, and
                // the in-memory blob descriptor cache (see referenceStorage)
                "REGISTRY_LOG_ACCESSLOG_DISABLED", "true",
                "REGISTRY_LOG_LEVEL", "warn",
                "REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR", "inmemory"));
        if (s3 == null) {
            variables.put("REGISTRY_STORAGE", "filesystem");
            variables.put("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root().toAbsolutePath().toString());
            return variables;
        }
        variables.putAll(Map.of("REGISTRY_STORAGE", "s3",
                "REGISTRY_STORAGE_S3_BUCKET", BUCKET,
                "REGISTRY_STORAGE_S3_REGION", "us-east-1",
                "REGISTRY_STORAGE_S3_REGIONENDPOINT", counter.endpoint().toString(),
                "REGISTRY_STORAGE_S3_FORCEPATHSTYLE", "true",
                "REGISTRY_STORAGE_S3_ACCESSKEY", S3Proxy.IDENTITY,
                "REGISTRY_STORAGE_S3_SECRETKEY", S3Proxy.CREDENTIAL,
                "REGISTRY_STORAGE_S3_ROOTDIRECTORY", ROOT,
                "REGISTRY_STORAGE_S3_CHUNKSIZE", Long.toString(CHUNK_SIZE),
                "REGISTRY_STORAGE_REDIRECT_DISABLE", "true"));
        return variables;
    }

    /**
     * docker-registry's {@code storage:} children for this storage, with the in-memory blob descriptor cache that
     * distribution's sample configuration (and the {@code registry:2} image's) turns on.
     */
    String referenceStorage() {
        String driver = s3 == null ? ReferenceRegistry.filesystem(root())
                : ReferenceRegistry.s3(counter.endpoint(), BUCKET, ROOT, CHUNK_SIZE);
        return driver + "  cache:\n    blobdescriptor: inmemory\n";
    }

    /** The S3 requests the registry made since the last {@link #resetS3Requests}; empty on the filesystem. */
    OptionalInt s3Requests() {
        return counter == null ? OptionalInt.empty() : OptionalInt.of(counter.requests().size());
    }

    /** The S3 requests themselves ({@code METHOD path?query}) since the last reset; empty on the filesystem. */
    List<String> requests() {
        return counter == null ? List.of() : counter.requests();
    }

    /** S3Proxy's process id, to read its CPU; empty on the filesystem. */
    OptionalLong s3ProxyPid() {
        return s3 == null ? OptionalLong.empty() : OptionalLong.of(s3.pid());
    }

    void resetS3Requests() {
        if (counter != null) {
            counter.reset();
        }
    }

    private Path root() {
        return directory.resolve("root");
    }

    /** A file next to the storage, e.g. the htpasswd file. */
    Path file(String name) {
        return directory.resolve(name);
    }

    @Override
    public void close() {
        if (counter != null) {
            counter.close();
        }
        if (s3 != null) {
            s3.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + directory + ": " + e);
        }
    }
}

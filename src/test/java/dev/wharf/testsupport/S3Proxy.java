package dev.wharf.testsupport;

import dev.wharf.storage.s3.S3Clients;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 server for tests: S3Proxy (jclouds' in-memory "transient" backend), started as a child process from the jar that
 * the build copies to {@code target/s3proxy/s3proxy.jar} (see pom.xml). When the jar or java is missing the test
 * fails if {@code CI=true} and is skipped otherwise, like {@link ExternalTools#require}.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "wharf-identity";
    public static final String CREDENTIAL = "wharf-credential";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

    private final ChildProcess process;
    private final URI endpoint;

    private S3Proxy(ChildProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts S3Proxy in a new directory {@code target/<prefix>*} and creates {@code bucket}: what every S3 test
     * profile needs before it points Wharf at the server.
     */
    public static S3Proxy startWithBucket(String prefix, String bucket) {
        S3Proxy server;
        try {
            server = start(Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (S3Client s3 = server.client()) {
            s3.createBucket(request -> request.bucket(bucket));
        }
        return server;
    }

    /** Starts S3Proxy with its configuration file in {@code directory}, and waits until it answers. */
    public static S3Proxy start(Path directory) {
        return start(directory, "1g", FreePort.find());
    }

    /**
     * {@link #start(Path)} with {@code maxHeap} ({@code -Xmx}) for S3Proxy, which holds every object in its heap and
     * copies a multipart upload's parts into one array when it completes: about four times the largest object.
     */
    public static S3Proxy start(Path directory, String maxHeap) {
        return start(directory, maxHeap, FreePort.find());
    }

    /** As {@link #start(Path)}, on a given loopback port (to restart a server where clients expect it). */
    public static S3Proxy start(Path directory, int port) {
        return start(directory, "1g", port);
    }

    private static S3Proxy start(Path directory, String maxHeap, int port) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isRegularFile(JAR) || !Files.isExecutable(java)) {
            String message = "S3Proxy needs " + JAR.toAbsolutePath() + " (./mvnw generate-test-resources) and "
                    + java;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so the test cannot be skipped");
            }
            Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
        }
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = directory.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    // in memory: the filesystem backend answers 500, not 404, for a key below an object's key
                    "jclouds.provider=transient",
                    ""));
            ChildProcess process = ChildProcess.start("s3proxy", List.of(java.toString(), "-Xmx" + maxHeap, "-jar",
                    JAR.toAbsolutePath().toString(), "--properties", properties.toAbsolutePath().toString()));
            process.awaitReady("an answer on " + endpoint, Duration.ofSeconds(60),
                    () -> ChildProcess.httpStatus(endpoint) > 0);
            return new S3Proxy(process, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's process id (a test may kill it from another class loader than the one that started it). */
    public long pid() {
        return process.pid();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A path-style client of this server with its credentials. */
    public S3Client client() {
        return client(endpoint, List.of());
    }

    /** As {@link #client()}, with interceptors that see every request (to count them). */
    public S3Client client(List<ExecutionInterceptor> interceptors) {
        return client(endpoint, interceptors);
    }

    /** A path-style client of the S3Proxy at {@code endpoint} with its credentials. */
    public static S3Client client(URI endpoint) {
        return client(endpoint, List.of());
    }

    private static S3Client client(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return S3Client.builder()
                // without Expect: 100-continue, as Wharf's own client: a pooled connection S3Proxy has closed then
                // fails as an I/O error the SDK retries, not in getOutputStream where it does not (a flaky test)
                .overrideConfiguration(configuration -> configuration.executionInterceptors(interceptors)
                        .addExecutionInterceptor(S3Clients.WITHOUT_EXPECT_CONTINUE))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() {
        process.close();
    }
}

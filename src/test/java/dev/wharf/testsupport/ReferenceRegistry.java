package dev.wharf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8) as a child process: the reference Wharf must stay
 * compatible with. It reads only the config file written here (never Debian's {@code /etc/docker/registry}):
 * filesystem storage in the given root or S3 storage under a bucket's root directory, deletes enabled, no blob
 * descriptor cache (so it sees what another process changes in the root), no upload purging, loopback on a free port.
 */
public final class ReferenceRegistry implements AutoCloseable {
    /** The {@code http.secret} it signs upload state with; Wharf needs the same to continue its uploads. */
    public static final String SECRET = "wharf-e2e-not-a-secret";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;
    private final Path configDirectory;

    private ReferenceRegistry(ChildProcess process, int port, Path configDirectory) {
        this.process = process;
        this.port = port;
        this.configDirectory = configDirectory;
    }

    /**
     * Starts {@code docker-registry serve} over {@code rootDirectory} and waits until {@code GET /v2/} answers 200.
     * A port taken between choosing and binding it is retried with another one.
     */
    public static ReferenceRegistry start(Path rootDirectory) {
        return start(filesystem(rootDirectory), "");
    }

    /** The {@code storage:} children for filesystem storage in {@code rootDirectory}, for {@link #start(String, String)}. */
    public static String filesystem(Path rootDirectory) {
        return """
                  filesystem:
                    rootdirectory: "%s"
                """.formatted(rootDirectory.toAbsolutePath());
    }

    /**
     * Starts {@code docker-registry serve} on S3: {@code bucket} under {@code rootDirectory} (e.g. {@code /wharf}),
     * reached at the plain-HTTP {@code endpoint} with {@link S3Proxy}'s credentials in {@code us-east-1}. Blob GETs
     * are served, not redirected to presigned URLs. Distribution 2.8's {@code s3-aws} driver has no
     * {@code forcepathstyle} key: it switches to path-style requests by itself when {@code regionendpoint} is set.
     */
    public static ReferenceRegistry startOnS3(URI endpoint, String bucket, String rootDirectory) {
        return start(s3(endpoint, bucket, rootDirectory, 5242880), "");
    }

    /** The {@code storage:} children for S3 as {@link #startOnS3} uses them, with another multipart chunk size. */
    public static String s3(URI endpoint, String bucket, String rootDirectory, long chunkSize) {
        return """
                  s3:
                    accesskey: "%s"
                    secretkey: "%s"
                    region: us-east-1
                    regionendpoint: "%s"
                    bucket: "%s"
                    secure: false
                    v4auth: true
                    chunksize: %d
                    rootdirectory: "%s"
                  redirect:
                    disable: true
                """.formatted(S3Proxy.IDENTITY, S3Proxy.CREDENTIAL, endpoint, bucket, chunkSize, rootDirectory);
    }

    /**
     * Starts {@code docker-registry serve} with {@code storage} (the children of {@code storage:}, indented by two, e.g.
     * {@link #filesystem} plus a {@code cache:} section) and {@code sections} (top-level YAML such as {@code auth:}),
     * and waits until {@code GET /v2/} answers (200, or 401 with {@code auth}).
     */
    public static ReferenceRegistry start(String storage, String sections) {
        Path executable = ExternalTools.require("docker-registry");
        for (int attempt = 1; ; attempt++) {
            int port = FreePort.find();
            Path configDirectory = null;
            ChildProcess process = null;
            try {
                configDirectory = Files.createTempDirectory("wharf-e2e-docker-registry-");
                Path config = configDirectory.resolve("config.yml");
                Files.writeString(config, config(storage, port) + sections);
                process = ChildProcess.start("docker-registry",
                        List.of(executable.toString(), "serve", config.toString()));
                ReferenceRegistry registry = new ReferenceRegistry(process, port, configDirectory);
                process.awaitRegistry(registry.uri("/v2/"), sections.contains("auth:") ? 401 : 200, STARTUP);
                return registry;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (AssertionError e) {
                if (process != null) {
                    process.close();
                }
                deleteConfig(configDirectory);
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    /**
     * The pinned configuration around {@code storage}, the driver's section (indented as a child of
     * {@code storage:}). Omitting {@code storage.cache} leaves distribution without a blob descriptor cache;
     * {@code http.secret} is fixed to keep a warning out of the log.
     */
    static String config(String storage, int port) {
        return """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                %s  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: wharf-e2e-not-a-secret
                """.formatted(storage, port);
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the {@code docker-registry} process. */
    public long pid() {
        return process.pid();
    }

    /** {@code 127.0.0.1:<port>}, as skopeo's {@code docker://} references want it. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** An absolute URL on this registry, e.g. {@code uri("/v2/_catalog")}. */
    public URI uri(String path) {
        return URI.create("http://" + hostAndPort() + path);
    }

    /** The log tail, for failure messages. */
    public String logTail() {
        return process.tail(40);
    }

    @Override
    public void close() {
        process.close();
        deleteConfig(configDirectory);
    }

    private static void deleteConfig(Path configDirectory) {
        if (configDirectory == null) {
            return;
        }
        try {
            Files.deleteIfExists(configDirectory.resolve("config.yml"));
            Files.deleteIfExists(configDirectory);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}

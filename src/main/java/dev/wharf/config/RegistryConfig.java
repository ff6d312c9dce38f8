package dev.wharf.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wharf's settings, under distribution's names: {@code registry.http.addr} is {@code REGISTRY_HTTP_ADDR},
 * {@code registry.storage.filesystem.rootdirectory} is {@code REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY}, and so on.
 * They come from config.yml and {@code REGISTRY_*} variables ({@link RegistryConfigSource}). Invalid values stop
 * startup with a message naming the property and the variable ({@link RegistryConfigValidator}). A key added here is
 * known: {@link ConfigKeyWarnings} no longer warns about it.
 */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    Http http();

    Storage storage();

    Log log();

    Auth auth();

    NotificationsConfig notifications();

    interface Http {
        /** {@code REGISTRY_HTTP_ADDR}: {@code [host]:port} to listen on. */
        @WithDefault(":5000")
        String addr();

        /** {@code REGISTRY_HTTP_HOST}: the externally visible base URL used for absolute Location headers. */
        Optional<String> host();

        /** {@code REGISTRY_HTTP_RELATIVEURLS}: answer relative Location headers. */
        @WithDefault("false")
        boolean relativeurls();

        /**
         * {@code REGISTRY_HTTP_SECRET}: the key that signs upload state in Location headers. Replicas behind a load
         * balancer must share it; without it each process draws a random one at startup.
         */
        Optional<String> secret();

        Tls tls();

        /**
         * {@code REGISTRY_HTTP_HEADERS}: headers added to every {@code /v2} answer, a name to its values
         * ({@code registry.http.headers.X-Content-Type-Options=nosniff}).
         */
        Map<String, List<String>> headers();

        /**
         * {@code REGISTRY_HTTP_TLS_*}: HTTPS instead of HTTP on {@code REGISTRY_HTTP_ADDR} when a certificate and its
         * key are given; client certificates signed by one of {@code clientcas} are then required.
         */
        interface Tls {
            /** {@code REGISTRY_HTTP_TLS_CERTIFICATE}: a PEM file with the server's certificate (and its chain). */
            Optional<String> certificate();

            /** {@code REGISTRY_HTTP_TLS_KEY}: a PEM file with the certificate's private key. */
            Optional<String> key();

            /** {@code REGISTRY_HTTP_TLS_CLIENTCAS}: PEM files of the CAs whose client certificates are accepted. */
            Optional<List<String>> clientcas();
        }

        /**
         * {@code REGISTRY_HTTP_DRAINTIMEOUT}: on SIGTERM, how long requests in flight may go on (new ones are refused
         * with 503) before the process stops; {@code 0} stops at once.
         */
        @WithDefault(DEFAULT_DRAINTIMEOUT)
        @WithConverter(GoDurationConverter.class)
        Duration draintimeout();

        /** Below Kubernetes' default grace period of 30 seconds, after which the process is killed. */
        String DEFAULT_DRAINTIMEOUT = "25s";

        Debug debug();

        /** {@code REGISTRY_HTTP_DEBUG_*}: a second HTTP server for operators, as registry:2's debug server. */
        interface Debug {
            /** {@code REGISTRY_HTTP_DEBUG_ADDR}: {@code [host]:port} of the debug server; none without it. */
            Optional<String> addr();

            Prometheus prometheus();

            interface Prometheus {
                /** {@code REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED}: serve the metrics on the debug server. */
                @WithDefault("false")
                boolean enabled();

                /** {@code REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH}: where. */
                @WithDefault("/metrics")
                String path();
            }
        }
    }

    interface Storage {
        /** {@code REGISTRY_STORAGE}: the storage driver. */
        @WithParentName
        @WithDefault("filesystem")
        String kind();

        Filesystem filesystem();

        S3 s3();

        Delete delete();

        Redirect redirect();

        Cache cache();

        Maintenance maintenance();

        interface Cache {
            /**
             * {@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR}: {@code inmemory} remembers the blob and manifest links
             * each repository was seen to hold, as distribution's in-memory blob descriptor cache does, so that a HEAD
             * or GET of a known blob and a GET of a known manifest read no link from storage; a DELETE through another
             * process (a replica, docker-registry) is then seen only after up to 10 minutes. Anything else
             * ({@code redis} included, which Wharf does not support) reads links from storage every time.
             */
            Optional<String> blobdescriptor();

            /** {@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTORSIZE}: how many links the cache holds (least used dropped). */
            @WithDefault("10000")
            int blobdescriptorsize();

            /** The number of links to remember: 0 without the in-memory cache. */
            default int linkCacheSize() {
                return blobdescriptor().filter("inmemory"::equals).isPresent() ? blobdescriptorsize() : 0;
            }
        }

        interface Maintenance {
            Readonly readonly();

            interface Readonly {
                /** {@code REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED}: refuse every write with 405 UNSUPPORTED. */
                @WithDefault("false")
                boolean enabled();
            }
        }

        interface Filesystem {
            /** {@code REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY}. */
            @WithName("rootdirectory")
            @WithDefault("/var/lib/registry")
            String rootdirectory();
        }

        /** {@code REGISTRY_STORAGE_S3_*}: read only when {@code REGISTRY_STORAGE=s3}. */
        interface S3 {
            /** The smallest part S3 accepts in a multipart upload, other than the last. */
            long MIN_CHUNK_SIZE = 5L * 1024 * 1024;

            /** {@code REGISTRY_STORAGE_S3_BUCKET}: the bucket, which must exist; required with s3. */
            Optional<String> bucket();

            /** {@code REGISTRY_STORAGE_S3_REGION}: required unless {@code regionendpoint} is set (then us-east-1). */
            Optional<String> region();

            /** {@code REGISTRY_STORAGE_S3_REGIONENDPOINT}: an S3-compatible endpoint instead of AWS'. */
            Optional<String> regionendpoint();

            /** {@code REGISTRY_STORAGE_S3_ACCESSKEY}; with the secret key absent, the SDK's default credential chain. */
            Optional<String> accesskey();

            /** {@code REGISTRY_STORAGE_S3_SECRETKEY}. */
            Optional<String> secretkey();

            /** {@code REGISTRY_STORAGE_S3_FORCEPATHSTYLE}: {@code endpoint/bucket/key} URLs instead of virtual hosts. */
            @WithDefault("false")
            boolean forcepathstyle();

            /** {@code REGISTRY_STORAGE_S3_SECURE}: https (true) or http for a {@code regionendpoint} without scheme. */
            @WithDefault("true")
            boolean secure();

            /** {@code REGISTRY_STORAGE_S3_SKIPVERIFY}: accept any TLS certificate from the endpoint. */
            @WithDefault("false")
            boolean skipverify();

            /** {@code REGISTRY_STORAGE_S3_ROOTDIRECTORY}: a key prefix for everything the registry stores. */
            @WithName("rootdirectory")
            Optional<String> rootdirectory();

            /** {@code REGISTRY_STORAGE_S3_CHUNKSIZE}: the multipart part size in bytes (and a writer's buffer). */
            @WithDefault("10485760")
            long chunksize();

            /** {@code REGISTRY_STORAGE_S3_ENCRYPT}: server-side encryption (AES256, or KMS with {@code keyid}). */
            @WithDefault("false")
            boolean encrypt();

            /** {@code REGISTRY_STORAGE_S3_KEYID}: the KMS key for server-side encryption. */
            Optional<String> keyid();

            /** {@code REGISTRY_STORAGE_S3_STORAGECLASS}: the S3 storage class of new objects; NONE sets none. */
            @WithDefault("STANDARD")
            String storageclass();
        }

        interface Redirect {
            /**
             * {@code REGISTRY_STORAGE_REDIRECT_DISABLE}: serve blob GETs through the registry instead of answering
             * 307 to the backend's own URL (on S3, a presigned URL that clients must be able to reach).
             */
            @WithDefault("false")
            boolean disable();
        }

        interface Delete {
            /** {@code REGISTRY_STORAGE_DELETE_ENABLED}: allow DELETE of manifests, tags and blobs. */
            @WithDefault("false")
            boolean enabled();
        }
    }

    interface Auth {
        /** {@code REGISTRY_AUTH}: the access controller; only {@code htpasswd} (unset: no authentication). */
        @WithParentName
        Optional<String> kind();

        Htpasswd htpasswd();

        /** {@code REGISTRY_AUTH_HTPASSWD_*}: read only when {@code REGISTRY_AUTH=htpasswd}. */
        interface Htpasswd {
            /** {@code REGISTRY_AUTH_HTPASSWD_REALM}: the realm of the Basic challenge; required with htpasswd. */
            Optional<String> realm();

            /** {@code REGISTRY_AUTH_HTPASSWD_PATH}: the htpasswd file (bcrypt entries); required with htpasswd. */
            Optional<String> path();

            /**
             * {@code REGISTRY_AUTH_HTPASSWD_ACCESS} (a Wharf extension): a YAML file granting accounts pull, push and
             * delete on repository patterns. Without it every user may do everything and anonymous nothing.
             */
            Optional<String> access();
        }
    }

    interface Log {
        /** {@code REGISTRY_LOG_LEVEL}: error, warn, info or debug. */
        @WithDefault("info")
        String level();

        /** {@code REGISTRY_LOG_FORMATTER}: text, json or logstash (JSON with Logstash's field names). */
        @WithDefault("text")
        String formatter();

        Accesslog accesslog();

        interface Accesslog {
            /** {@code REGISTRY_LOG_ACCESSLOG_DISABLED}: no access log line per request. */
            @WithDefault("false")
            boolean disabled();
        }
    }
}

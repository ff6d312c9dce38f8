package dev.wharf.storage.s3;

import dev.wharf.config.RegistryConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the driver's {@link S3Client} from {@code REGISTRY_STORAGE_S3_*} alone (not from {@code quarkus.s3.*}), so
 * that one build serves every storage configuration.
 */
public final class S3Clients {
    /**
     * Connecting fails fast; once connected, reads may wait long (a large UploadPart or a slow GetObject), so no
     * overall call timeout is set on the client: requests that must be bounded set their own (the health check).
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The JDK keeps up to five idle connections per host, and a server that closed them while idle makes each one
     * fail once ("Error writing request body to server") before a fresh connection is opened: allow more attempts
     * than the SDK's default three so that a burst of stale connections does not fail a request.
     */
    static final int MAX_ATTEMPTS = 8;

    private S3Clients() {
    }

    /**
     * The S3 driver configured by {@code REGISTRY_STORAGE_S3_*}; fails at once, naming the variable that is wrong.
     * The settings are all checked here, but the SDK's client is built by the first request and its presigner by the
     * first redirect: an idle registry does not hold the ~1,200 classes and ~14 MiB they cost (building them makes
     * no request and checks nothing more).
     */
    public static S3StorageDriver driver(RegistryConfig.Storage.S3 config) {
        String bucket = config.bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "storage.s3.bucket (REGISTRY_STORAGE_S3_BUCKET) is required with the s3 storage driver"));
        check(config);
        endpoint(config);
        ObjectOptions options = new ObjectOptions(config.encrypt(), config.keyid().filter(k -> !k.isBlank()),
                config.storageclass());
        return new S3StorageDriver(() -> client(config), () -> presigner(config), bucket,
                config.rootdirectory().orElse(""), config.chunksize(), options);
    }

    static S3Client client(RegistryConfig.Storage.S3 config) {
        check(config);
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(Duration.ofMinutes(5));
        if (config.skipverify()) {
            http.tlsTrustManagersProvider(() -> new TrustManager[] {TRUST_ALL});
        }
        var builder = S3Client.builder()
                .httpClient(http.build())
                .credentialsProvider(credentials(config))
                .region(region(config))
                .forcePathStyle(config.forcepathstyle())
                // over plain http the SDK signs payloads; aws-chunked signs every 128 KiB chunk and frames it, one hash
                // of the whole payload is cheaper (bodies are in memory: read once to hash, again to send); over https
                // payloads are not signed either way. Measured on S3Proxy: 10 % less server CPU per small image
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // S3-compatible servers rarely know the SDK's newer default checksums: send them only where required
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(override -> override.addExecutionInterceptor(WITHOUT_EXPECT_CONTINUE)
                        .retryStrategy(retry -> retry.maxAttempts(MAX_ATTEMPTS)));
        endpoint(config).ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            if (config.forcepathstyle()) {
                builder.endpointProvider(new PathStyleEndpoint(endpoint, region(config)));
            }
        });
        return builder.build();
    }

    /**
     * Signs the redirect URLs of blob downloads for the same endpoint, region, credentials and addressing style as
     * {@link #client}, so that they point where the driver reads.
     */
    static S3Presigner presigner(RegistryConfig.Storage.S3 config) {
        check(config);
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials(config))
                .region(region(config))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.forcepathstyle())
                        .build());
        endpoint(config).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static void check(RegistryConfig.Storage.S3 config) {
        if (config.region().isEmpty() && config.regionendpoint().isEmpty()) {
            throw new IllegalStateException("storage.s3.region (REGISTRY_STORAGE_S3_REGION) is required with the s3 "
                    + "storage driver, unless storage.s3.regionendpoint (REGISTRY_STORAGE_S3_REGIONENDPOINT) is set");
        }
        if (config.accesskey().isPresent() != config.secretkey().isPresent()) {
            throw new IllegalStateException("storage.s3.accesskey and storage.s3.secretkey "
                    + "(REGISTRY_STORAGE_S3_ACCESSKEY, REGISTRY_STORAGE_S3_SECRETKEY) go together: set both, or "
                    + "neither to use the default AWS credential chain");
        }
    }

    private static AwsCredentialsProvider credentials(RegistryConfig.Storage.S3 config) {
        return config.accesskey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accesskey().get(),
                config.secretkey().get()))
                : DefaultCredentialsProvider.builder().build();
    }

    private static Region region(RegistryConfig.Storage.S3 config) {
        return Region.of(config.region().orElse("us-east-1"));
    }

    private static Optional<URI> endpoint(RegistryConfig.Storage.S3 config) {
        return config.regionendpoint().filter(e -> !e.isBlank()).map(e -> endpoint(e, config.secure()));
    }

    /** The endpoint as a URI: with the scheme it has, else https (or http when {@code secure} is false). */
    static URI endpoint(String endpoint, boolean secure) {
        String url = endpoint.contains("://") ? endpoint : (secure ? "https://" : "http://") + endpoint;
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("storage.s3.regionendpoint (REGISTRY_STORAGE_S3_REGIONENDPOINT) is not a "
                    + "valid URL: " + endpoint, e);
        }
    }

    /**
     * Drops the {@code Expect: 100-continue} the SDK puts on PutObject and UploadPart. With the URL-connection HTTP
     * client, a pooled connection the server has closed then fails in {@code getOutputStream} with an
     * {@code UncheckedIOException} the SDK neither retries nor wraps; without the header the failure is an ordinary
     * I/O error that the SDK retries. (distribution does not send the header either.) The tests' own S3 clients use it
     * too (aws-sdk-java-v2#6670, #7347).
     */
    public static final ExecutionInterceptor WITHOUT_EXPECT_CONTINUE = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                ExecutionAttributes executionAttributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isPresent()
                    ? request.toBuilder().removeHeader("Expect").build() : request;
        }
    };

    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}

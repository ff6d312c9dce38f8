package dev.wharf.testsupport;

import dev.wharf.config.RegistryConfig;

import java.util.Optional;

/**
 * {@code REGISTRY_STORAGE_S3_*} as tests set them, to build drivers and clients the way production does
 * ({@code S3Clients}: its retries, signing and checksum settings) without a running application.
 */
public record S3Settings(Optional<String> bucket, Optional<String> region, Optional<String> regionendpoint,
                         Optional<String> accesskey, Optional<String> secretkey, boolean forcepathstyle,
                         boolean secure, boolean skipverify, Optional<String> rootdirectory, long chunksize,
                         boolean encrypt, Optional<String> keyid, String storageclass)
        implements RegistryConfig.Storage.S3 {

    /**
     * The settings of a registry storing in {@code bucket} of the S3Proxy under {@code root}: its address without
     * scheme and {@code secure=false}, path-style requests, its credentials, 5 MiB chunks.
     */
    public static S3Settings of(S3Proxy server, String bucket, Optional<String> root) {
        return new S3Settings(Optional.of(bucket), Optional.empty(), Optional.of(server.endpoint().getAuthority()),
                Optional.of(S3Proxy.IDENTITY), Optional.of(S3Proxy.CREDENTIAL), true, false, false, root,
                5 * 1024 * 1024, false, Optional.empty(), "STANDARD");
    }
}

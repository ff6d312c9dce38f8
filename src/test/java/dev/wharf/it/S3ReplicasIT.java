package dev.wharf.it;

import dev.wharf.testsupport.S3Proxy;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link ReplicaGuarantees} on one S3 bucket (S3Proxy, a fresh bucket) shared by the replicas, with the smallest chunk
 * size (5 MiB) so that uploads go through multipart uploads and server-side appends, and redirects disabled.
 */
class S3ReplicasIT extends ReplicaGuarantees {
    private static final String BUCKET = "replicas";
    private static final String ROOT = "wharf";

    private S3Proxy server;
    private S3Client s3;

    @Override
    Map<String, String> startStorage() throws Exception {
        server = S3Proxy.start(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "s3-it-"), "5g");
        s3 = server.client();
        s3.createBucket(request -> request.bucket(BUCKET));
        return Map.of(
                "REGISTRY_STORAGE", "s3",
                "REGISTRY_STORAGE_S3_BUCKET", BUCKET,
                "REGISTRY_STORAGE_S3_REGIONENDPOINT", server.endpoint().toString(),
                "REGISTRY_STORAGE_S3_FORCEPATHSTYLE", "true",
                "REGISTRY_STORAGE_S3_ACCESSKEY", S3Proxy.IDENTITY,
                "REGISTRY_STORAGE_S3_SECRETKEY", S3Proxy.CREDENTIAL,
                "REGISTRY_STORAGE_S3_ROOTDIRECTORY", "/" + ROOT,
                "REGISTRY_STORAGE_S3_CHUNKSIZE", "5242880",
                "REGISTRY_STORAGE_REDIRECT_DISABLE", "true");
    }

    @Override
    void stopStorage() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String key(String path) {
        return ROOT + path;
    }

    @Override
    long countFiles(String path) {
        return s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(key(path) + "/").delimiter("/"))
                .keyCount();
    }

    @Override
    long size(String path) {
        return s3.headObject(request -> request.bucket(BUCKET).key(key(path))).contentLength();
    }

    @Override
    void delete(String path) {
        s3.deleteObject(request -> request.bucket(BUCKET).key(key(path)));
    }
}

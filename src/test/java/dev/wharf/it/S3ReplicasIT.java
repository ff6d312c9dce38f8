package dev.wharf.it;

import dev.wharf.testsupport.S3Proxy;
import dev.wharf.testsupport.TestBlobs;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ReplicaGuarantees} on one S3 bucket (S3Proxy, a fresh bucket) shared by the replicas, with the smallest chunk
 * size (5 MiB) so that uploads go through multipart uploads and server-side appends. The first replica streams blobs
 * (redirects disabled), the second redirects blob GETs to presigned S3 URLs: every guarantee holds for both pulls.
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
    Map<String, String> secondReplicaVariables() {
        return Map.of("REGISTRY_STORAGE_REDIRECT_DISABLE", "false");
    }

    @Test
    void oneReplicaStreamsWhileTheOtherRedirectsToTheSameBytes() throws Exception {
        String repository = "it/redirect";
        byte[] content = TestBlobs.random(7 * (1 << 20) + 99, 7);
        pushBlob(firstReplica(), repository, content);
        String digest = TestBlobs.sha256(content);
        HttpClient noFollow = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String blob = "/v2/" + repository + "/blobs/" + digest;

        HttpResponse<byte[]> streamed = noFollow.send(HttpRequest.newBuilder(URI.create(firstReplica().base() + blob))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, streamed.statusCode());
        assertArrayEquals(content, streamed.body());

        HttpResponse<byte[]> redirect = noFollow.send(HttpRequest.newBuilder(URI.create(secondReplica().base() + blob))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(307, redirect.statusCode());
        URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertEquals(server.endpoint().getPort(), presigned.getPort(), "the redirect points at the S3 endpoint");
        HttpResponse<byte[]> followed = noFollow.send(HttpRequest.newBuilder(presigned).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, followed.statusCode());
        assertArrayEquals(content, followed.body());
        HttpResponse<byte[]> range = noFollow.send(HttpRequest.newBuilder(presigned)
                .header("Range", "bytes=5242870-5242899").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 5242870, 5242900), range.body());
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

package dev.wharf.e2e;

import dev.wharf.api.S3Profile;
import dev.wharf.testsupport.S3Proxy;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SkopeoRoundTrips} on the S3 driver (S3Proxy, 5 MiB chunks: the large layer goes through multipart uploads),
 * whose stored objects are read back from the bucket.
 */
@QuarkusTest
@TestProfile(S3Profile.class)
class SkopeoS3Test extends SkopeoRoundTrips {

    private static <T> T read(String key, Function<ResponseInputStream<GetObjectResponse>, T> use)
            throws Exception {
        Config config = ConfigProvider.getConfig();
        String bucket = config.getValue("registry.storage.s3.bucket", String.class);
        String root = config.getValue("registry.storage.s3.rootdirectory", String.class).replaceAll("^/+|/+$", "");
        URI endpoint = URI.create(config.getValue("registry.storage.s3.regionendpoint", String.class));
        try (S3Client s3 = S3Proxy.client(endpoint);
             ResponseInputStream<GetObjectResponse> object = s3.getObject(request -> request.bucket(bucket)
                     .key((root.isEmpty() ? "" : root + "/") + "docker/registry/v2/" + key))) {
            return use.apply(object);
        }
    }

    @Override
    void assertStored(String digest, Path expected) throws Exception {
        String hex = digest.substring("sha256:".length());
        long[] size = new long[1];
        String stored = read("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data", object -> {
            size[0] = object.response().contentLength();
            try {
                return TestBlobs.sha256(object);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Files.size(expected), size[0], () -> "stored size of " + digest);
        assertEquals(digest, stored, () -> "stored bytes of " + digest);
    }

    @Override
    void assertTagLink(String repository, String tag, String digest) throws Exception {
        String link = read("repositories/" + repository + "/_manifests/tags/" + tag + "/current/link", object -> {
            try {
                return new String(object.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(digest, link);
    }
}

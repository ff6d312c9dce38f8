package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.RegistryApi.blobPath;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blob GETs on S3 with redirects enabled (registry:2's default): 307 to a presigned S3Proxy URL that serves the bytes,
 * whole or by {@code Range}; HEAD, errors and conditional GETs are still answered by the registry.
 */
@QuarkusTest
@TestProfile(S3RedirectProfile.class)
class BlobRedirectS3Test {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ConfigProperty(name = "registry.storage.s3.regionendpoint")
    String endpoint;

    @Test
    void getRedirectsToAPresignedUrlThatServesTheBytesWholeAndByRange() throws Exception {
        String repo = TestBlobs.uniqueRepository("redirect/get");
        byte[] content = TestBlobs.random(3000, 7);
        String digest = pushBlob(repo, content);

        Response redirect = given().redirects().follow(false).get(blobPath(repo, digest));
        assertEquals(307, redirect.statusCode());
        assertEquals(digest, redirect.header("Docker-Content-Digest"));
        assertEquals(0, redirect.asByteArray().length);
        URI location = URI.create(redirect.header("Location"));
        String hex = digest.substring("sha256:".length());
        assertTrue(location.toString().startsWith(endpoint + "/registry/wharf/docker/registry/v2/blobs/sha256/"
                + hex.substring(0, 2) + "/" + hex + "/data?"), location::toString);
        assertTrue(location.getRawQuery().contains("X-Amz-Expires=1200"), "20 minutes, like distribution");

        HttpResponse<byte[]> whole = fetch(location, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(content, whole.body());

        HttpResponse<byte[]> part = fetch(location, "bytes=100-1099");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-1099/3000", part.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(content, 100, 1100), part.body());

        HttpResponse<byte[]> tail = fetch(location, "bytes=2990-");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 2990, 3000), tail.body());
    }

    @Test
    void aClientFollowingTheRedirectReceivesTheExactBytes() {
        String repo = TestBlobs.uniqueRepository("redirect/follow");
        byte[] content = TestBlobs.random(6 * 1024 * 1024 + 5, 8); // a multipart object (5 MiB chunks)
        String digest = pushBlob(repo, content);

        Response response = given().get(blobPath(repo, digest));
        assertEquals(200, response.statusCode());
        assertArrayEquals(content, response.asByteArray());

        Response range = given().header("Range", "bytes=10-19").get(blobPath(repo, digest));
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 10, 20), range.asByteArray());
    }

    @Test
    void headIsAnsweredByTheRegistry() {
        String repo = TestBlobs.uniqueRepository("redirect/head");
        String digest = pushBlob(repo, TestBlobs.random(1234, 9));

        Response response = given().redirects().follow(false).head(blobPath(repo, digest));
        assertEquals(200, response.statusCode());
        assertEquals("1234", response.header("Content-Length"));
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertNull(response.header("Location"));
    }

    @Test
    void unknownBlobsAndConditionalGetsAreNotRedirected() {
        String repo = TestBlobs.uniqueRepository("redirect/missing");
        String digest = pushBlob(TestBlobs.uniqueRepository("redirect/other"), TestBlobs.random(100, 10));

        assertErrors(given().redirects().follow(false).get(blobPath(repo, digest)), ErrorCode.BLOB_UNKNOWN);

        String own = pushBlob(repo, TestBlobs.random(100, 11));
        Response notModified = given().redirects().follow(false).header("If-None-Match", "\"" + own + "\"")
                .get(blobPath(repo, own));
        assertEquals(304, notModified.statusCode());
        assertNull(notModified.header("Location"));
    }

    private static HttpResponse<byte[]> fetch(URI location, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(location).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

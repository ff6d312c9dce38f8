package dev.wharf.api;

import dev.wharf.storage.StorageDriver;
import dev.wharf.testsupport.StorageWalk;
import io.restassured.response.Response;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;

import static dev.wharf.testsupport.RegistryApi.blobPath;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the blob upload suites share: the checks of a created and a served blob, and the
 * upload sessions a repository holds in storage.
 */
final class UploadSupport {
    static final int TWELVE_MIB = 12 * 1024 * 1024;

    private UploadSupport() {
    }

    static void assertBlob(String repository, String digest, byte[] content) {
        Response get = given().get(blobPath(repository, digest));
        assertEquals(200, get.statusCode(), get::asString);
        assertArrayEquals(content, get.asByteArray());
    }

    static void assertCreated(Response response, String repository, String digest) {
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertTrue(response.header("Location").endsWith("/v2/" + repository + "/blobs/" + digest),
                response.header("Location"));
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
    }

    static String uploadId(String location) {
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String digestOf(byte[] content, String algorithm) throws Exception {
        return algorithm.toLowerCase().replace("-", "") + ":"
                + HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** How many objects the repository's upload sessions hold in storage. */
    static int uploadSessions(StorageDriver driver, String repository) {
        return StorageWalk.objects(driver, "/docker/registry/v2/repositories/" + repository + "/_uploads").size();
    }
}

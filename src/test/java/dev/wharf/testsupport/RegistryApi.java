package dev.wharf.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Short cuts to put content into the registry under test (the endpoints themselves are tested elsewhere). */
public final class RegistryApi {
    private RegistryApi() {
    }

    /** The path of a blob: {@code /v2/<repository>/blobs/<digest>}. */
    public static String blobPath(String repository, String digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    /** Pushes a blob in one {@code POST ?digest=} and returns its digest. */
    public static String pushBlob(String repository, byte[] content) {
        return pushBlob(given(), repository, content);
    }

    /** {@link #pushBlob(String, byte[])} with a request that carries, e.g., credentials. */
    public static String pushBlob(RequestSpecification request, String repository, byte[] content) {
        String digest = TestBlobs.sha256(content);
        int status = request.contentType(ContentType.BINARY).body(content).queryParam("digest", digest)
                .post("/v2/" + repository + "/blobs/uploads/").statusCode();
        assertEquals(201, status, "blob push to " + repository);
        return digest;
    }

    /** Puts a manifest under a tag or digest and returns its digest. */
    public static String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        return pushManifest(given(), repository, reference, mediaType, manifest);
    }

    /** {@link #pushManifest(String, String, String, byte[])} with a request that carries, e.g., credentials. */
    public static String pushManifest(RequestSpecification request, String repository, String reference,
                                      String mediaType, byte[] manifest) {
        int status = request.contentType(mediaType).body(manifest)
                .put("/v2/" + repository + "/manifests/" + reference).statusCode();
        assertEquals(201, status, "manifest push to " + repository + ":" + reference);
        return TestBlobs.sha256(manifest);
    }

    /** {@code GET /v2/<repository>/manifests/<reference>} with an {@code Accept} header. */
    public static Response getManifest(String repository, String reference, String accept) {
        return given().accept(accept).get("/v2/" + repository + "/manifests/" + reference);
    }

    /** {@code HEAD /v2/<repository>/manifests/<reference>} with an {@code Accept} header. */
    public static Response headManifest(String repository, String reference, String accept) {
        return given().accept(accept).head("/v2/" + repository + "/manifests/" + reference);
    }

    /** An OCI image manifest over a config and layers already pushed, as bytes. */
    public static byte[] ociManifest(String configDigest, long configSize, String... layerDigestsAndSizes) {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < layerDigestsAndSizes.length; i += 2) {
            if (i > 0) {
                layers.append(',');
            }
            layers.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(layerDigestsAndSizes[i]).append("\",\"size\":").append(layerDigestsAndSizes[i + 1]).append('}');
        }
        return TestBlobs.utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configSize + "},\"layers\":[" + layers + "]}");
    }
}

package dev.wharf.testsupport;

import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Blob upload sessions driven through their {@code Location}, as a client follows it. */
public final class Uploads {
    public static final String OCTET_STREAM = "application/octet-stream";

    private Uploads() {
    }

    /** Opens an upload session ({@code POST .../blobs/uploads/}) and returns its {@code Location}. */
    public static String start(String repository) {
        Response response = given().post("/v2/" + repository + "/blobs/uploads/");
        assertEquals(202, response.statusCode(), response::asString);
        return response.header("Location");
    }

    /** The location with the {@code digest} query parameter added, keeping the parameters it already has. */
    public static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    /** {@code PATCH} a chunk with its {@code Content-Range}. */
    public static Response patch(String location, byte[] chunk, long start) {
        return given().contentType(OCTET_STREAM).header("Content-Range", start + "-" + (start + chunk.length - 1))
                .body(chunk).patch(location);
    }

    /** {@code PATCH} a chunk without {@code Content-Range} (stream mode, as docker pushes). */
    public static Response patchStream(String location, byte[] chunk) {
        return given().contentType(OCTET_STREAM).body(chunk).patch(location);
    }

    /** Closes the session with {@code PUT ?digest=} and an optional final chunk. */
    public static Response complete(String location, String digest, byte[] finalChunk) {
        return given().contentType(OCTET_STREAM).body(finalChunk).put(withDigest(location, digest));
    }
}

package dev.wharf.api;

import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.wharf.testsupport.Uploads.complete;
import static dev.wharf.testsupport.Uploads.patchStream;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code REGISTRY_HTTP_RELATIVEURLS=true} every Location is a path, and following it as-is works. */
@QuarkusTest
@TestProfile(RelativeUrlsProfile.class)
class UploadRelativeLocationTest {

    @Test
    void relativeLocationIsFollowedAsIs() {
        String repo = TestBlobs.uniqueRepository("uploads/relative");
        byte[] content = TestBlobs.random(100, 50);
        String digest = TestBlobs.sha256(content);

        Response started = given().header("X-Forwarded-Host", "ignored.example.com").post("/v2/" + repo + "/blobs/uploads/");
        assertEquals(202, started.statusCode());
        String location = started.header("Location");
        String path = "/v2/" + repo + "/blobs/uploads/" + started.header("Docker-Upload-UUID");
        assertTrue(location.startsWith(path + "?_state="), location);

        Response patched = patchStream(location, content);
        assertEquals(202, patched.statusCode());
        assertTrue(patched.header("Location").startsWith(path + "?_state="), patched.header("Location"));
        assertEquals(patched.header("Location"), given().get(patched.header("Location")).header("Location"));

        Response done = complete(patched.header("Location"), digest, new byte[0]);
        assertEquals(201, done.statusCode(), done::asString);
        assertEquals("/v2/" + repo + "/blobs/" + digest, done.header("Location"));
        assertArrayEquals(content, given().get(done.header("Location")).asByteArray());
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.RegistryApi.pushBlob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With deletes disabled (registry:2's default) a blob DELETE is refused with 405 UNSUPPORTED and changes nothing. */
@QuarkusTest
@TestProfile(DeleteDisabledProfile.class)
class BlobDeleteDisabledTest {

    @Test
    void deleteBlobIs405Unsupported() {
        String repo = TestBlobs.uniqueRepository("blobs/nodelete");
        String digest = pushBlob(repo, TestBlobs.random(10, 9));
        assertErrors(given().delete("/v2/" + repo + "/blobs/" + digest), ErrorCode.UNSUPPORTED);
        assertEquals(200, given().head("/v2/" + repo + "/blobs/" + digest).statusCode());
    }
}

package dev.wharf.e2e;

import dev.wharf.api.S3RedirectProfile;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** skopeo pulls from Wharf on S3 with redirects on: it follows the 307s to S3Proxy and gets every blob intact. */
@QuarkusTest
@TestProfile(S3RedirectProfile.class)
class SkopeoS3RedirectTest {
    @TempDir
    static Path work;

    static Skopeo skopeo;

    @TestHTTPResource("/")
    URL wharf;

    @BeforeAll
    static void requireSkopeo() {
        skopeo = Skopeo.require();
    }

    @Test
    void pullFollowsRedirectsToS3() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("source"), "redirect").tag("1.0").build();
        String image = Skopeo.docker(wharf.getPort(), "e2e/s3/redirect", "1.0");

        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), image);
        // a layer or config: the index and the manifests are served by the manifest endpoint, not the blob one
        String layer = source.blobDigests().stream().filter(digest -> !digest.equals(source.indexDigest())
                && !source.manifestDigests().contains(digest)).findFirst().orElseThrow();
        assertEquals(307, given().redirects().follow(false).get("/v2/e2e/s3/redirect/blobs/" + layer).statusCode(),
                "blob GETs are redirected");
        Path copy = work.resolve("copy");
        skopeo.copyAll(image, Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
    }
}

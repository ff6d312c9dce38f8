package dev.wharf.e2e;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wharf and Debian's {@code docker-registry} (distribution 2.8.2, {@code s3-aws} driver) serve ONE S3 bucket and root
 * directory at the same time: what one pushes, the other serves byte for byte. This is the promise that a registry:2
 * deployment on S3 can be switched to Wharf, and back.
 */
@QuarkusTest
@TestProfile(S3StorageProfile.class)
class S3CompatibilityTest {
    @TempDir
    static Path work;

    static Skopeo skopeo;
    static ReferenceRegistry reference;

    @TestHTTPResource("/")
    URL wharf;

    @BeforeAll
    static void startReferenceRegistry() {
        skopeo = Skopeo.require();
        URI endpoint = URI.create(ConfigProvider.getConfig().getValue("registry.storage.s3.regionendpoint",
                String.class));
        reference = ReferenceRegistry.startOnS3(endpoint, S3StorageProfile.BUCKET, S3StorageProfile.ROOT);
    }

    @AfterAll
    static void stopReferenceRegistry() {
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void imagePushedToDockerRegistryIsServedByWharf() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("web"), "s3-web").tag("1.0").build();
        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), Skopeo.docker(reference.port(), "team/s3/web", "1.0"));

        Path copy = work.resolve("web-from-wharf");
        skopeo.copyAll(Skopeo.docker(wharf.getPort(), "team/s3/web", "1.0"), Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
        Response catalog = given().queryParam("n", 1000).get("/v2/_catalog");
        assertEquals(200, catalog.statusCode(), catalog::asString);
        assertTrue(catalog.jsonPath().getList("repositories", String.class).contains("team/s3/web"),
                catalog::asString);
        Response tags = given().get("/v2/team/s3/web/tags/list");
        assertEquals(200, tags.statusCode(), tags::asString);
        assertEquals(List.of("1.0"), tags.jsonPath().getList("tags", String.class));
    }

    @Test
    void imagePushedToWharfIsServedByDockerRegistry() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("api"), "s3-api").tag("2.0").build();
        skopeo.copyAll(Skopeo.oci(source.directory(), "2.0"), Skopeo.docker(wharf.getPort(), "team/s3/api", "2.0"));

        Path copy = work.resolve("api-from-docker-registry");
        skopeo.copyAll(Skopeo.docker(reference.port(), "team/s3/api", "2.0"), Skopeo.oci(copy, "2.0"));

        source.assertIdenticalCopy(copy, "2.0");
        assertArrayEquals(source.read(source.indexDigest()),
                skopeo.inspectRaw(Skopeo.docker(reference.port(), "team/s3/api", "2.0")));
        Response tags = given().get(reference.uri("/v2/team/s3/api/tags/list"));
        assertEquals(200, tags.statusCode(), tags::asString);
        assertEquals(List.of("2.0"), tags.jsonPath().getList("tags", String.class));
        Response catalog = given().get(reference.uri("/v2/_catalog?n=1000"));
        assertTrue(catalog.jsonPath().getList("repositories", String.class).contains("team/s3/api"),
                catalog::asString);
    }
}

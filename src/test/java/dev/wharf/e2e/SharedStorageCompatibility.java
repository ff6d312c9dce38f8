package dev.wharf.e2e;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wharf and Debian's {@code docker-registry} (distribution 2.8.2) serve ONE storage at the same time: what one
 * pushes, the other serves byte for byte, in both directions. Each subclass is a {@code @QuarkusTest} on one storage
 * whose {@code @BeforeAll} starts {@link #reference} on the same storage.
 */
abstract class SharedStorageCompatibility {
    static final String ACCEPT_MANIFESTS = String.join(",", OciLayoutBuilder.INDEX, OciLayoutBuilder.MANIFEST,
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    @TempDir
    static Path work;

    static Skopeo skopeo;
    static ReferenceRegistry reference;

    @TestHTTPResource("/")
    URL wharf;

    @AfterAll
    static void stopReferenceRegistry() {
        if (reference != null) {
            reference.close();
            reference = null;
        }
    }

    /** The repository namespace of this storage's tests, e.g. {@code team/app}. */
    abstract String namespace();

    /** Requests to the reference registry: absolute URLs, and every manifest type accepted. */
    static RequestSpecification onReference() {
        return given().accept(ACCEPT_MANIFESTS);
    }

    @Test
    void imagePushedToDockerRegistryIsServedByWharf() {
        String repository = namespace() + "/web";
        OciLayout source = OciLayoutBuilder.create(work.resolve("web"), repository.replace('/', '-')).tag("1.0")
                .build();
        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), Skopeo.docker(reference.port(), repository, "1.0"));

        Path copy = work.resolve("web-from-wharf");
        skopeo.copyAll(Skopeo.docker(wharf.getPort(), repository, "1.0"), Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
        Response catalog = given().queryParam("n", 1000).get("/v2/_catalog");
        assertEquals(200, catalog.statusCode(), catalog::asString);
        assertTrue(catalog.jsonPath().getList("repositories", String.class).contains(repository),
                catalog::asString);
        Response tags = given().get("/v2/" + repository + "/tags/list");
        assertEquals(200, tags.statusCode(), tags::asString);
        assertEquals(repository, tags.jsonPath().getString("name"));
        assertEquals(List.of("1.0"), tags.jsonPath().getList("tags", String.class));
    }

    @Test
    void imagePushedToWharfIsServedByDockerRegistry() {
        String repository = namespace() + "/api";
        OciLayout source = OciLayoutBuilder.create(work.resolve("api"), repository.replace('/', '-')).tag("2.0")
                .build();
        skopeo.copyAll(Skopeo.oci(source.directory(), "2.0"), Skopeo.docker(wharf.getPort(), repository, "2.0"));

        Path copy = work.resolve("api-from-docker-registry");
        skopeo.copyAll(Skopeo.docker(reference.port(), repository, "2.0"), Skopeo.oci(copy, "2.0"));

        source.assertIdenticalCopy(copy, "2.0");
        assertArrayEquals(source.read(source.indexDigest()),
                skopeo.inspectRaw(Skopeo.docker(reference.port(), repository, "2.0")));
        Response tags = onReference().get(reference.uri("/v2/" + repository + "/tags/list"));
        assertEquals(200, tags.statusCode(), tags::asString);
        assertEquals(List.of("2.0"), tags.jsonPath().getList("tags", String.class));
        Response catalog = onReference().get(reference.uri("/v2/_catalog?n=1000"));
        assertTrue(catalog.jsonPath().getList("repositories", String.class).contains(repository),
                catalog::asString);
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.ImageBlobs;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.Manifests.Ref;
import dev.wharf.testsupport.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.Manifests.DOCKER_LIST;
import static dev.wharf.testsupport.Manifests.DOCKER_MANIFEST;
import static dev.wharf.testsupport.Manifests.OCI_INDEX;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static dev.wharf.testsupport.RegistryApi.getManifest;
import static dev.wharf.testsupport.RegistryApi.headManifest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Content negotiation of {@code GET}/{@code HEAD /v2/<name>/manifests/<reference>}: what a client's {@code Accept}
 * header gets, as {@code docker-registry} 2.8.2 answers (REFERENCE §1.8) unless {@code ManifestNegotiation} says why
 * not. The rest of the manifest endpoints: {@link ManifestApiTest}.
 */
@QuarkusTest
class ManifestNegotiationApiTest {
    private ImageBlobs blobs;

    @BeforeEach
    void pushBlobs() {
        blobs = ImageBlobs.push("negotiation");
    }

    @Test
    void ociManifestIsRefusedToAClientAcceptingOnlyDockerManifests() {
        byte[] manifest = Manifests.ociManifest(blobs.ociConfig(), blobs.ociLayer());
        String digest = RegistryApi.pushManifest(blobs.repo(), "oci", OCI_MANIFEST, manifest);
        for (String reference : new String[] {"oci", digest}) {
            Response response = getManifest(blobs.repo(), reference, DOCKER_MANIFEST);
            assertErrors(response, ErrorCode.MANIFEST_UNKNOWN);
            assertEquals("OCI manifest found, but accept header does not support OCI manifests",
                    response.jsonPath().getString("errors[0].detail"));
            assertHeadError(headManifest(blobs.repo(), reference, DOCKER_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        }
        Response both = getManifest(blobs.repo(), "oci", DOCKER_MANIFEST + ", " + OCI_MANIFEST);
        assertEquals(200, both.statusCode());
        assertEquals(OCI_MANIFEST, both.contentType());
        Response separate = given().header("Accept", DOCKER_MANIFEST).header("Accept", OCI_MANIFEST + ";q=0.5")
                .get("/v2/" + blobs.repo() + "/manifests/oci");
        assertEquals(200, separate.statusCode());
    }

    @Test
    void ociIndexIsRefusedToAClientAcceptingOnlyDockerTypes() {
        byte[] image = Manifests.ociManifest(blobs.ociConfig(), blobs.ociLayer());
        RegistryApi.pushManifest(blobs.repo(), "img", OCI_MANIFEST, image);
        byte[] index = Manifests.index(OCI_INDEX, null, null, Ref.of(OCI_MANIFEST, image).on("linux", "amd64"));
        RegistryApi.pushManifest(blobs.repo(), "index", OCI_INDEX, index);
        assertErrors(getManifest(blobs.repo(), "index", DOCKER_LIST + "," + DOCKER_MANIFEST),
                ErrorCode.MANIFEST_UNKNOWN);
        assertEquals(200, getManifest(blobs.repo(), "index", OCI_INDEX).statusCode());
    }

    @Test
    void ociManifestIsServedWithoutAcceptOrWithAWildcard() {
        // Wharf is more forgiving than docker-registry 2.8.2 (which refuses OCI types here): see ManifestNegotiation
        byte[] manifest = Manifests.ociManifest(blobs.ociConfig(), blobs.ociLayer());
        RegistryApi.pushManifest(blobs.repo(), "oci", OCI_MANIFEST, manifest);
        assertArrayEquals(manifest, getManifest(blobs.repo(), "oci", "*/*").asByteArray());
        Response noAccept = given().header("Accept", "").get("/v2/" + blobs.repo() + "/manifests/oci");
        assertEquals(200, noAccept.statusCode());
        assertEquals(OCI_MANIFEST, noAccept.contentType());
    }

    @Test
    void manifestListByTagServesTheLinuxAmd64ImageToAClientWithoutListSupport() {
        byte[] arm = Manifests.dockerManifest(blobs.dockerConfig());
        byte[] amd = Manifests.dockerManifest(blobs.dockerConfig(), blobs.dockerLayer());
        RegistryApi.pushManifest(blobs.repo(), "arm", DOCKER_MANIFEST, arm);
        String amdDigest = RegistryApi.pushManifest(blobs.repo(), "amd", DOCKER_MANIFEST, amd);
        byte[] list = Manifests.index(DOCKER_LIST, null, null, Ref.of(DOCKER_MANIFEST, arm).on("linux", "arm64"),
                Ref.of(DOCKER_MANIFEST, amd).on("linux", "amd64"));
        String listDigest = RegistryApi.pushManifest(blobs.repo(), "multi", DOCKER_LIST, list);

        Response byTag = getManifest(blobs.repo(), "multi", DOCKER_MANIFEST);
        assertEquals(200, byTag.statusCode());
        assertArrayEquals(amd, byTag.asByteArray());
        assertEquals(DOCKER_MANIFEST, byTag.contentType());
        assertEquals(amdDigest, byTag.header("Docker-Content-Digest"));

        // by digest the list itself is served, whatever the Accept header says
        Response byDigest = getManifest(blobs.repo(), listDigest, DOCKER_MANIFEST);
        assertEquals(200, byDigest.statusCode());
        assertArrayEquals(list, byDigest.asByteArray());
        assertEquals(DOCKER_LIST, byDigest.contentType());

        assertArrayEquals(list, getManifest(blobs.repo(), "multi", DOCKER_LIST + ", " + DOCKER_MANIFEST).asByteArray());
    }

    @Test
    void manifestListWithoutLinuxAmd64IsUnknownToAClientWithoutListSupport() {
        // docker-registry 2.8.2: 404 MANIFEST_UNKNOWN by tag; the list itself by digest
        byte[] arm = Manifests.dockerManifest(blobs.dockerConfig(), blobs.dockerLayer());
        RegistryApi.pushManifest(blobs.repo(), "arm", DOCKER_MANIFEST, arm);
        byte[] list = Manifests.index(DOCKER_LIST, null, null, Ref.of(DOCKER_MANIFEST, arm).on("linux", "arm64"));
        String listDigest = RegistryApi.pushManifest(blobs.repo(), "armonly", DOCKER_LIST, list);
        assertErrors(getManifest(blobs.repo(), "armonly", DOCKER_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(headManifest(blobs.repo(), "armonly", DOCKER_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertArrayEquals(list, getManifest(blobs.repo(), listDigest, DOCKER_MANIFEST).asByteArray());
        assertArrayEquals(list, getManifest(blobs.repo(), "armonly", DOCKER_LIST).asByteArray());
    }
}

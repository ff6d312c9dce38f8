package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.ImageBlobs;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.Manifests.Ref;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.ApiAssertions.assertHeadError;
import static dev.wharf.testsupport.Manifests.DOCKER_LIST;
import static dev.wharf.testsupport.Manifests.DOCKER_MANIFEST;
import static dev.wharf.testsupport.Manifests.OCI_INDEX;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v2/<name>/manifests/<reference>}. Expectations follow the OCI distribution spec v1.1 and, where the spec is
 * silent, what {@code docker-registry} 2.8.2 answered to the same requests (REFERENCE.md §5, re-checked by hand).
 * Content negotiation: {@link ManifestNegotiationApiTest}.
 */
@QuarkusTest
class ManifestApiTest {
    private static final String ZERO_DIGEST = "sha256:" + "0".repeat(64);

    private String repo;
    private Ref ociConfig;
    private Ref ociLayer;
    private Ref dockerConfig;
    private Ref dockerLayer;

    @BeforeEach
    void pushBlobs() {
        ImageBlobs blobs = ImageBlobs.push("manifests");
        repo = blobs.repo();
        ociConfig = blobs.ociConfig();
        ociLayer = blobs.ociLayer();
        dockerConfig = blobs.dockerConfig();
        dockerLayer = blobs.dockerLayer();
    }

    private static Response put(String repository, String reference, String mediaType, byte[] body) {
        return given().contentType(mediaType).body(body).put("/v2/" + repository + "/manifests/" + reference);
    }

    private static Response get(String repository, String reference, String accept) {
        return RegistryApi.getManifest(repository, reference, accept);
    }

    private static Response head(String repository, String reference, String accept) {
        return RegistryApi.headManifest(repository, reference, accept);
    }

    /** GET and HEAD by tag and by digest serve exactly the pushed bytes with the manifest's headers. */
    private void assertServed(String tag, String mediaType, byte[] pushed) {
        String digest = TestBlobs.sha256(pushed);
        for (String reference : new String[] {tag, digest}) {
            Response got = get(repo, reference, mediaType);
            assertEquals(200, got.statusCode(), () -> reference + ": " + got.asString());
            assertArrayEquals(pushed, got.asByteArray(), "exact bytes for " + reference);
            assertEquals(mediaType, got.contentType());
            assertEquals(digest, got.header("Docker-Content-Digest"));
            assertEquals(String.valueOf(pushed.length), got.header("Content-Length"));

            Response headed = head(repo, reference, mediaType);
            assertEquals(200, headed.statusCode());
            assertEquals(mediaType, headed.contentType());
            assertEquals(digest, headed.header("Docker-Content-Digest"));
            assertEquals(String.valueOf(pushed.length), headed.header("Content-Length"));
            assertEquals("", headed.asString());
        }
    }

    // --- push ---------------------------------------------------------------------------------------------------

    @Test
    void putByTagAnswers201WithLocationAndDigest() {
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        String digest = TestBlobs.sha256(manifest);
        Response response = put(repo, "v1", OCI_MANIFEST, manifest);
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertTrue(response.header("Location").endsWith("/v2/" + repo + "/manifests/" + digest),
                response.header("Location"));
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
    }

    @Test
    void putByMatchingDigestAnswers201() {
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        String digest = TestBlobs.sha256(manifest);
        Response response = put(repo, digest, OCI_MANIFEST, manifest);
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(digest, response.header("Docker-Content-Digest"));
        assertServed(digest, OCI_MANIFEST, manifest);
    }

    @Test
    void putByDigestThatDoesNotMatchTheBodyIsDigestInvalid() {
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        assertErrors(put(repo, ZERO_DIGEST, OCI_MANIFEST, manifest), ErrorCode.DIGEST_INVALID);
        assertErrors(get(repo, ZERO_DIGEST, OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void putByMalformedDigestIsDigestInvalid() {
        // docker-registry 2.8.2 answers 500 here; a client mistake is a 400
        assertErrors(put(repo, "sha256:abc", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer)),
                ErrorCode.DIGEST_INVALID);
    }

    // --- the four manifest types and artifacts, served byte for byte ------------------------------------------

    @Test
    void dockerSchema2ManifestWithUnusualFormattingIsServedByteForByte() {
        String text = "{\n   \"layers\" : [ {\"size\": " + dockerLayer.size() + ", \"digest\":\"" + dockerLayer.digest()
                + "\", \"mediaType\":\"" + dockerLayer.mediaType() + "\"} ],\n\t\"config\": {\"digest\":\""
                + dockerConfig.digest() + "\",\"size\":" + dockerConfig.size() + ",\"mediaType\":\""
                + dockerConfig.mediaType() + "\"},\n  \"mediaType\":\"" + DOCKER_MANIFEST + "\",\r\n"
                + "  \"schemaVersion\" :2   }\n\n";
        byte[] manifest = TestBlobs.utf8(text);
        assertEquals(201, put(repo, "docker", DOCKER_MANIFEST, manifest).statusCode());
        assertServed("docker", DOCKER_MANIFEST, manifest);
    }

    @Test
    void dockerManifestListIsServedByteForByte() {
        byte[] image = Manifests.dockerManifest(dockerConfig, dockerLayer);
        RegistryApi.pushManifest(repo, "amd64", DOCKER_MANIFEST, image);
        byte[] list = TestBlobs.utf8("  " + new String(Manifests.index(DOCKER_LIST, null, null,
                Ref.of(DOCKER_MANIFEST, image).on("linux", "amd64"))) + " ");
        assertEquals(201, put(repo, "list", DOCKER_LIST, list).statusCode());
        assertServed("list", DOCKER_LIST, list);
    }

    @Test
    void ociImageManifestIsServedByteForByte() {
        byte[] manifest = TestBlobs.utf8(new String(Manifests.ociManifest(ociConfig, ociLayer)).replace(",", " ,\n "));
        assertEquals(201, put(repo, "oci", OCI_MANIFEST, manifest).statusCode());
        assertServed("oci", OCI_MANIFEST, manifest);
    }

    @Test
    void ociImageIndexIsServedByteForByte() {
        byte[] image = Manifests.ociManifest(ociConfig, ociLayer);
        RegistryApi.pushManifest(repo, "img", OCI_MANIFEST, image);
        byte[] index = TestBlobs.utf8(new String(Manifests.index(OCI_INDEX, null, null,
                Ref.of(OCI_MANIFEST, image).on("linux", "arm64"))).replace("{", "{ \n"));
        assertEquals(201, put(repo, "index", OCI_INDEX, index).statusCode());
        assertServed("index", OCI_INDEX, index);
    }

    @Test
    void ociArtifactWithEmptyConfigIsServedByteForByte() {
        Ref empty = Manifests.emptyConfig(repo);
        byte[] artifact = Manifests.artifact("application/vnd.example.sbom.v1", empty, null,
                Map.of("org.example", "x"));
        assertEquals(201, put(repo, "sbom", OCI_MANIFEST, artifact).statusCode());
        assertServed("sbom", OCI_MANIFEST, artifact);
    }

    @Test
    void mediaTypeIsTakenFromTheContentTypeWhenTheBodyHasNone() {
        byte[] manifest = TestBlobs.utf8("{\"schemaVersion\":2,\"config\":" + "{\"mediaType\":\"" + ociConfig.mediaType()
                + "\",\"digest\":\"" + ociConfig.digest() + "\",\"size\":" + ociConfig.size() + "},\"layers\":[]}");
        assertEquals(201, put(repo, "nomediatype", OCI_MANIFEST, manifest).statusCode());
        assertServed("nomediatype", OCI_MANIFEST, manifest);
    }

    // --- references ---------------------------------------------------------------------------------------------

    @Test
    void missingConfigOrLayerIsManifestBlobUnknown() {
        Ref missing = new Ref(Manifests.OCI_LAYER, ZERO_DIGEST, 10);
        assertErrors(put(repo, "v1", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer, missing)),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertErrors(put(repo, "v1", OCI_MANIFEST,
                Manifests.ociManifest(new Ref(Manifests.OCI_CONFIG, ZERO_DIGEST, 2), ociLayer)),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertErrors(get(repo, "v1", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void blobOfAnotherRepositoryIsManifestBlobUnknown() {
        String other = TestBlobs.uniqueRepository("manifests-other");
        assertErrors(put(other, "v1", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer)),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
    }

    @Test
    void indexReferencingAMissingManifestIsManifestBlobUnknown() {
        Ref missing = new Ref(OCI_MANIFEST, ZERO_DIGEST, 100);
        assertErrors(put(repo, "index", OCI_INDEX, Manifests.index(OCI_INDEX, null, null, missing.on("linux", "amd64"))),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
        Ref missingImage = new Ref(DOCKER_MANIFEST, ZERO_DIGEST, 100);
        assertErrors(put(repo, "list", DOCKER_LIST,
                Manifests.index(DOCKER_LIST, null, null, missingImage.on("linux", "amd64"))),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
    }

    @Test
    void subjectPointingAtAMissingManifestIsAccepted() {
        Ref empty = Manifests.emptyConfig(repo);
        Ref subject = new Ref(OCI_MANIFEST, ZERO_DIGEST, 123);
        byte[] artifact = Manifests.artifact("application/vnd.example.sig", empty, subject, Map.of());
        Response response = put(repo, TestBlobs.sha256(artifact), OCI_MANIFEST, artifact);
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(ZERO_DIGEST, response.header("OCI-Subject"));
    }

    @Test
    void manifestWithoutSubjectHasNoOciSubjectHeader() {
        Response response = put(repo, "v1", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer));
        assertEquals(201, response.statusCode());
        assertNull(response.header("OCI-Subject"));
    }

    // --- invalid manifests --------------------------------------------------------------------------------------

    @Test
    void invalidJsonIsManifestInvalid() {
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8("not json")), ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8("[]")), ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, new byte[0]), ErrorCode.MANIFEST_INVALID);
    }

    @Test
    void trailingContentOrMistypedFieldsAreManifestInvalid() {
        // docker-registry 2.8.2 (Go json.Unmarshal): 400 MANIFEST_INVALID for each of these; trailing space is fine
        String good = new String(Manifests.ociManifest(ociConfig, ociLayer));
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(good + " garbage")), ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(good + good)), ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(good.replace("\"mediaType\":\"" + OCI_MANIFEST + "\"",
                "\"mediaType\":5"))), ErrorCode.MANIFEST_INVALID);
        String annotated = good.substring(0, good.length() - 1) + ",\"annotations\":";
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(annotated + "{\"a\":{\"b\":1}}}")),
                ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(annotated + "[]}")), ErrorCode.MANIFEST_INVALID);
        assertEquals(201, put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(annotated + "{\"a\":\"b\"}}  \n")).statusCode());
    }

    @Test
    void wrongSchemaVersionIsManifestInvalid() {
        // docker-registry 2.8.2 answers 500 UNKNOWN for schemaVersion 1 or 3 with an OCI body; Wharf says why
        String good = new String(Manifests.ociManifest(ociConfig, ociLayer));
        for (String version : new String[] {"1", "3", "\"2\""}) {
            byte[] body = TestBlobs.utf8(good.replace("\"schemaVersion\":2", "\"schemaVersion\":" + version));
            assertErrors(put(repo, "v1", OCI_MANIFEST, body), ErrorCode.MANIFEST_INVALID);
        }
    }

    @Test
    void bodyMediaTypeContradictingContentTypeIsManifestInvalid() {
        // docker-registry 2.8.2: 400 MANIFEST_INVALID for an OCI body sent as a Docker manifest
        byte[] oci = Manifests.ociManifest(ociConfig, ociLayer);
        assertErrors(put(repo, "v1", DOCKER_MANIFEST, oci), ErrorCode.MANIFEST_INVALID);
        byte[] docker = Manifests.dockerManifest(dockerConfig, dockerLayer);
        assertErrors(put(repo, "v1", OCI_MANIFEST, docker), ErrorCode.MANIFEST_INVALID);
    }

    @Test
    void imageManifestWithoutConfigOrWithBadDescriptorsIsManifestInvalid() {
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8(
                "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"layers\":[]}")), ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_MANIFEST, TestBlobs.utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:nothex\",\"size\":1},\"layers\":[]}")),
                ErrorCode.MANIFEST_INVALID);
        assertErrors(put(repo, "v1", OCI_INDEX, TestBlobs.utf8(
                "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":{}}")), ErrorCode.MANIFEST_INVALID);
    }

    // --- size limit ---------------------------------------------------------------------------------------------

    /** An OCI manifest padded with an annotation to exactly {@code size} bytes. */
    private byte[] manifestOfSize(int size) {
        String base = new String(Manifests.image(OCI_MANIFEST, null, ociConfig, null, Map.of("pad", ""), ociLayer));
        int padding = size - base.length();
        byte[] bytes = TestBlobs.utf8(base.replace("\"pad\":\"\"", "\"pad\":\"" + "x".repeat(padding) + "\""));
        assertEquals(size, bytes.length);
        return bytes;
    }

    @Test
    void manifestOfExactlyFourMebibytesIsAccepted() {
        byte[] manifest = manifestOfSize(4 * 1024 * 1024);
        assertEquals(201, put(repo, "big", OCI_MANIFEST, manifest).statusCode());
        assertArrayEquals(manifest, get(repo, "big", OCI_MANIFEST).asByteArray());
    }

    @Test
    void manifestOverFourMebibytesIsTooLarge() {
        // the spec asks for 413 (docker-registry answers 400 MANIFEST_INVALID); the wire code is the spec's SIZE_INVALID
        Response response = put(repo, "big", OCI_MANIFEST, manifestOfSize(4 * 1024 * 1024 + 1));
        assertErrors(response, ErrorCode.MANIFEST_TOO_LARGE);
        assertEquals("SIZE_INVALID", response.jsonPath().getString("errors[0].code"));
        assertErrors(get(repo, "big", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
    }

    // --- bad references -----------------------------------------------------------------------------------------

    @Test
    void invalidTagIsTagInvalid() {
        // docker-registry's router answers a plain-text 404 for these; Wharf names the problem with distribution's code
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        assertErrors(put(repo, "-x", OCI_MANIFEST, manifest), ErrorCode.TAG_INVALID);
        assertErrors(put(repo, ".x", OCI_MANIFEST, manifest), ErrorCode.TAG_INVALID);
        assertErrors(put(repo, "a".repeat(129), OCI_MANIFEST, manifest), ErrorCode.TAG_INVALID);
        assertErrors(get(repo, "a".repeat(129), OCI_MANIFEST), ErrorCode.TAG_INVALID);
        assertEquals(201, put(repo, "_" + "a".repeat(127), OCI_MANIFEST, manifest).statusCode());
    }

    @Test
    void tagWithSlashMatchesNoRoute() {
        // docker-registry: 404 (no route); here too, and nothing is stored under the repository
        Response response = put(repo, "a/b", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer));
        assertEquals(404, response.statusCode());
        assertErrors(given().get("/v2/" + repo + "/tags/list"), ErrorCode.NAME_UNKNOWN);
    }

    @Test
    void unknownTagOrDigestIsManifestUnknown() {
        RegistryApi.pushManifest(repo, "v1", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer));
        assertErrors(get(repo, "nope", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(get(repo, ZERO_DIGEST, OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(head(repo, "nope", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(head(repo, ZERO_DIGEST, OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void unknownRepositoryIsManifestUnknown() {
        // docker-registry 2.8.2 answers MANIFEST_UNKNOWN (not NAME_UNKNOWN) by tag and by digest
        String unknown = TestBlobs.uniqueRepository("never-pushed");
        assertErrors(get(unknown, "latest", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(get(unknown, ZERO_DIGEST, OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(head(unknown, "latest", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void invalidRepositoryNameIsNameInvalid() {
        assertErrors(get("Upper/case", "latest", OCI_MANIFEST), ErrorCode.NAME_INVALID);
        assertHeadError(head("a..b", "latest", OCI_MANIFEST), ErrorCode.NAME_INVALID);
    }

    // --- tags and deletion ---------------------------------------------------------------------------------------

    @Test
    void pushingAnotherManifestUnderATagMovesTheTag() {
        byte[] first = Manifests.ociManifest(ociConfig, ociLayer);
        byte[] second = Manifests.ociManifest(ociConfig);
        String firstDigest = RegistryApi.pushManifest(repo, "latest", OCI_MANIFEST, first);
        String secondDigest = RegistryApi.pushManifest(repo, "latest", OCI_MANIFEST, second);
        Response latest = get(repo, "latest", OCI_MANIFEST);
        assertArrayEquals(second, latest.asByteArray());
        assertEquals(secondDigest, latest.header("Docker-Content-Digest"));
        assertArrayEquals(first, get(repo, firstDigest, OCI_MANIFEST).asByteArray(), "the old revision stays");
    }

    @Test
    void deleteByDigestRemovesTheManifestAndEveryTagPointingAtIt() {
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        byte[] other = Manifests.ociManifest(ociConfig);
        String digest = RegistryApi.pushManifest(repo, "a", OCI_MANIFEST, manifest);
        RegistryApi.pushManifest(repo, "b", OCI_MANIFEST, manifest);
        RegistryApi.pushManifest(repo, "other", OCI_MANIFEST, other);

        Response deleted = given().delete("/v2/" + repo + "/manifests/" + digest);
        assertEquals(202, deleted.statusCode(), deleted::asString);

        assertErrors(get(repo, digest, OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(get(repo, "a", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(get(repo, "b", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(head(repo, "a", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertArrayEquals(other, get(repo, "other", OCI_MANIFEST).asByteArray());
        assertEquals(List.of("other"), given().get("/v2/" + repo + "/tags/list").jsonPath().getList("tags"));

        assertErrors(given().delete("/v2/" + repo + "/manifests/" + digest), ErrorCode.MANIFEST_UNKNOWN);
        assertEquals(201, put(repo, "again", OCI_MANIFEST, manifest).statusCode(), "can be pushed again");
    }

    @Test
    void deleteByTagRemovesOnlyTheTag() {
        // the spec's tag deletion (docker-registry 2.8.2 refuses it with 400 DIGEST_INVALID; v3 supports it)
        byte[] manifest = Manifests.ociManifest(ociConfig, ociLayer);
        String digest = RegistryApi.pushManifest(repo, "a", OCI_MANIFEST, manifest);
        RegistryApi.pushManifest(repo, "b", OCI_MANIFEST, manifest);

        Response deleted = given().delete("/v2/" + repo + "/manifests/a");
        assertEquals(202, deleted.statusCode(), deleted::asString);

        assertErrors(get(repo, "a", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertArrayEquals(manifest, get(repo, digest, OCI_MANIFEST).asByteArray());
        assertArrayEquals(manifest, get(repo, "b", OCI_MANIFEST).asByteArray());
        assertErrors(given().delete("/v2/" + repo + "/manifests/a"), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void deleteOfUnknownManifestIsManifestUnknown() {
        RegistryApi.pushManifest(repo, "v1", OCI_MANIFEST, Manifests.ociManifest(ociConfig, ociLayer));
        assertErrors(given().delete("/v2/" + repo + "/manifests/" + ZERO_DIGEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(given().delete("/v2/" + repo + "/manifests/nope"), ErrorCode.MANIFEST_UNKNOWN);
        String unknown = TestBlobs.uniqueRepository("never-pushed");
        assertErrors(given().delete("/v2/" + unknown + "/manifests/" + ZERO_DIGEST), ErrorCode.MANIFEST_UNKNOWN);
        assertErrors(given().delete("/v2/" + repo + "/manifests/sha256:abc"), ErrorCode.DIGEST_INVALID);
    }

    @Test
    void headErrorsHaveNoBody() {
        assertHeadError(head(repo, "nope", OCI_MANIFEST), ErrorCode.MANIFEST_UNKNOWN);
        assertHeadError(head(repo, "sha256:abc", OCI_MANIFEST), ErrorCode.DIGEST_INVALID);
        assertHeadError(head(repo, "-bad", OCI_MANIFEST), ErrorCode.TAG_INVALID);
    }
}

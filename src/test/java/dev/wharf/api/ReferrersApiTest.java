package dev.wharf.api;

import dev.wharf.error.ErrorCode;
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
import java.util.Set;
import java.util.stream.Collectors;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Manifests.OCI_INDEX;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code GET /v2/<name>/referrers/<digest>} (OCI distribution spec v1.1, "Listing Referrers"): always a 200 image
 * index, one descriptor per manifest whose {@code subject} is the digest, with {@code artifactType} (falling back to
 * the config's media type) and the manifest's annotations. docker-registry 2.8.2 predates this API.
 */
@QuarkusTest
class ReferrersApiTest {
    private static final String SBOM = "application/vnd.example.sbom.v1";
    private static final String SIGNATURE = "application/vnd.example.signature.v1";

    private String repo;
    private Ref empty;
    private Ref subject;

    @BeforeEach
    void pushSubject() {
        repo = TestBlobs.uniqueRepository("referrers");
        empty = Manifests.emptyConfig(repo);
        Ref layer = Manifests.blob(repo, Manifests.OCI_LAYER, TestBlobs.random(200, repo.hashCode()));
        byte[] image = Manifests.ociManifest(empty, layer);
        RegistryApi.pushManifest(repo, "image", OCI_MANIFEST, image);
        subject = Ref.of(OCI_MANIFEST, image);
    }

    private Ref pushReferrer(String mediaType, byte[] manifest) {
        Response response = given().contentType(mediaType).body(manifest)
                .put("/v2/" + repo + "/manifests/" + TestBlobs.sha256(manifest));
        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(subject.digest(), response.header("OCI-Subject"));
        return Ref.of(mediaType, manifest);
    }

    private Response referrers(String digest) {
        return given().get("/v2/" + repo + "/referrers/" + digest);
    }

    private static Set<String> digests(Response response) {
        return response.jsonPath().getList("manifests.digest", String.class).stream().collect(Collectors.toSet());
    }

    /** The descriptor of the listing with this digest, as a map. */
    private static Map<String, Object> entry(Response response, String digest) {
        List<Map<String, Object>> manifests = response.jsonPath().getList("manifests");
        return manifests.stream().filter(m -> digest.equals(m.get("digest"))).findFirst()
                .orElseThrow(() -> new AssertionError(digest + " not in " + response.asString()));
    }

    @Test
    void listsArtifactsWhoseSubjectIsTheDigest() {
        Ref sbom = pushReferrer(OCI_MANIFEST,
                Manifests.artifact(SBOM, empty, subject, Map.of("org.opencontainers.image.created", "2026-01-01")));
        Ref signature = pushReferrer(OCI_MANIFEST, Manifests.artifact(SIGNATURE, empty, subject, Map.of()));
        Ref otherSubject = new Ref(OCI_MANIFEST, "sha256:" + "1".repeat(64), 10);
        RegistryApi.pushManifest(repo, "unrelated", OCI_MANIFEST,
                Manifests.artifact(SBOM, empty, otherSubject, Map.of()));

        Response response = referrers(subject.digest());
        assertEquals(200, response.statusCode(), response::asString);
        assertEquals(OCI_INDEX, response.contentType());
        assertEquals(2, response.jsonPath().getInt("schemaVersion"));
        assertEquals(OCI_INDEX, response.jsonPath().getString("mediaType"));
        assertEquals(Set.of(sbom.digest(), signature.digest()), digests(response));
        assertNull(response.header("OCI-Filters-Applied"));

        Map<String, Object> sbomEntry = entry(response, sbom.digest());
        assertEquals(OCI_MANIFEST, sbomEntry.get("mediaType"));
        assertEquals((int) sbom.size(), sbomEntry.get("size"));
        assertEquals(SBOM, sbomEntry.get("artifactType"));
        assertEquals(Map.of("org.opencontainers.image.created", "2026-01-01"), sbomEntry.get("annotations"));
        assertEquals(SIGNATURE, entry(response, signature.digest()).get("artifactType"));
    }

    @Test
    void noReferrersIsAnEmptyIndexNotA404() {
        Response response = referrers(subject.digest());
        assertEquals(200, response.statusCode());
        assertEquals(OCI_INDEX, response.contentType());
        assertEquals(List.of(), response.jsonPath().getList("manifests"));

        Response unknown = referrers("sha256:" + "2".repeat(64));
        assertEquals(200, unknown.statusCode());
        assertEquals(List.of(), unknown.jsonPath().getList("manifests"));
    }

    @Test
    void referrersOfAMissingSubjectAreListed() {
        Ref missing = new Ref(OCI_MANIFEST, "sha256:" + "3".repeat(64), 10);
        byte[] artifact = Manifests.artifact(SBOM, empty, missing, Map.of());
        RegistryApi.pushManifest(repo, TestBlobs.sha256(artifact), OCI_MANIFEST, artifact);
        assertEquals(Set.of(TestBlobs.sha256(artifact)), digests(referrers(missing.digest())));
    }

    @Test
    void artifactTypeFilterIsAppliedAndAnnounced() {
        Ref sbom = pushReferrer(OCI_MANIFEST, Manifests.artifact(SBOM, empty, subject, Map.of()));
        pushReferrer(OCI_MANIFEST, Manifests.artifact(SIGNATURE, empty, subject, Map.of()));

        Response filtered = given().queryParam("artifactType", SBOM).get("/v2/" + repo + "/referrers/" + subject.digest());
        assertEquals(200, filtered.statusCode());
        assertEquals("artifactType", filtered.header("OCI-Filters-Applied"));
        assertEquals(Set.of(sbom.digest()), digests(filtered));

        Response none = given().queryParam("artifactType", "application/vnd.example.none")
                .get("/v2/" + repo + "/referrers/" + subject.digest());
        assertEquals(200, none.statusCode());
        assertEquals("artifactType", none.header("OCI-Filters-Applied"));
        assertEquals(List.of(), none.jsonPath().getList("manifests"));
    }

    @Test
    void artifactTypeFallsBackToTheConfigMediaType() {
        String configType = "application/vnd.example.config.v1+json";
        byte[] configBytes = TestBlobs.utf8("{\"example\":true}");
        Ref config = Manifests.blob(repo, configType, configBytes);
        Ref image = pushReferrer(OCI_MANIFEST, Manifests.image(OCI_MANIFEST, null, config, subject, Map.of(), empty));

        Response response = referrers(subject.digest());
        assertEquals(configType, entry(response, image.digest()).get("artifactType"));
        Response filtered = given().queryParam("artifactType", configType)
                .get("/v2/" + repo + "/referrers/" + subject.digest());
        assertEquals(Set.of(image.digest()), digests(filtered));
    }

    @Test
    void indexWithASubjectIsAReferrer() {
        Ref child = pushReferrer(OCI_MANIFEST, Manifests.artifact(SBOM, empty, subject, Map.of()));
        Ref plainIndex = pushReferrer(OCI_INDEX, Manifests.index(OCI_INDEX, null, subject, Manifests.entry(child)));
        Ref typedIndex = pushReferrer(OCI_INDEX, Manifests.index(OCI_INDEX, SIGNATURE, subject,
                Manifests.entry(child), Manifests.entry(subject)));

        Response response = referrers(subject.digest());
        assertEquals(Set.of(child.digest(), plainIndex.digest(), typedIndex.digest()), digests(response));
        Map<String, Object> plain = entry(response, plainIndex.digest());
        assertEquals(OCI_INDEX, plain.get("mediaType"));
        assertEquals((int) plainIndex.size(), plain.get("size"));
        assertEquals(false, plain.containsKey("artifactType"), "an index without artifactType has none: " + plain);
        assertEquals(SIGNATURE, entry(response, typedIndex.digest()).get("artifactType"));
    }

    @Test
    void deletedReferrerIsNoLongerListed() {
        Ref sbom = pushReferrer(OCI_MANIFEST, Manifests.artifact(SBOM, empty, subject, Map.of()));
        Ref signature = pushReferrer(OCI_MANIFEST, Manifests.artifact(SIGNATURE, empty, subject, Map.of()));
        assertEquals(202, given().delete("/v2/" + repo + "/manifests/" + sbom.digest()).statusCode());
        assertEquals(Set.of(signature.digest()), digests(referrers(subject.digest())));
    }

    @Test
    void referrersOfOtherRepositoriesAreNotListed() {
        pushReferrer(OCI_MANIFEST, Manifests.artifact(SBOM, empty, subject, Map.of()));
        String other = TestBlobs.uniqueRepository("referrers-other");
        RegistryApi.pushManifest(other, "v1", OCI_MANIFEST, Manifests.ociManifest(Manifests.emptyConfig(other)));
        Response response = given().get("/v2/" + other + "/referrers/" + subject.digest());
        assertEquals(200, response.statusCode());
        assertEquals(List.of(), response.jsonPath().getList("manifests"));
    }

    @Test
    void entriesOfAReferrersTagSchemaIndexAreIncluded() {
        // "Enabling the Referrers API": manifests a client listed in the <alg>-<hex> tag before are included
        byte[] artifact = Manifests.artifact(SBOM, empty, null, Map.of("k", "v"));
        RegistryApi.pushManifest(repo, "earlier", OCI_MANIFEST, artifact);
        Ref earlier = Ref.of(OCI_MANIFEST, artifact);
        Map<String, Object> described = Manifests.entry(earlier);
        described.put("artifactType", SBOM);
        String tag = subject.digest().replace(':', '-');
        RegistryApi.pushManifest(repo, tag, OCI_INDEX, Manifests.index(OCI_INDEX, null, null, described));

        Response response = referrers(subject.digest());
        assertEquals(Set.of(earlier.digest()), digests(response));
        assertEquals(SBOM, entry(response, earlier.digest()).get("artifactType"));
    }

    @Test
    void malformedDigestIsDigestInvalid() {
        assertErrors(referrers("sha256:abc"), ErrorCode.DIGEST_INVALID);
        assertErrors(referrers("notadigest"), ErrorCode.DIGEST_INVALID);
        assertErrors(given().get("/v2/Bad/referrers/" + subject.digest()), ErrorCode.NAME_INVALID);
    }
}

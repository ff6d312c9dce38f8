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

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v2/<name>/tags/list}. The spec asks for lexical order, {@code last} exclusive, an empty list and no Link
 * for {@code n=0}; distribution v3 answers PAGINATION_NUMBER_INVALID for a negative or non-numeric {@code n}
 * (2.8.2 ignored {@code n} and did not sort).
 */
@QuarkusTest
class TagApiTest {
    /** Pushed in this order; ASCII order puts upper case and digits first. */
    private static final List<String> PUSHED = List.of("v2", "latest", "V1", "a-tag", "1.0", "_x", "v10");
    private static final List<String> SORTED = List.of("1.0", "V1", "_x", "a-tag", "latest", "v10", "v2");

    private String repo;
    private String digest;

    @BeforeEach
    void pushTags() {
        repo = TestBlobs.uniqueRepository("tags");
        Ref config = Manifests.emptyConfig(repo);
        byte[] manifest = Manifests.ociManifest(config);
        for (String tag : PUSHED) {
            digest = RegistryApi.pushManifest(repo, tag, OCI_MANIFEST, manifest);
        }
    }

    private Response list(String query) {
        return given().get("/v2/" + repo + "/tags/list" + query);
    }

    @Test
    void listsEveryTagInLexicalOrder() {
        Response response = list("");
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals(repo, response.jsonPath().getString("name"));
        assertEquals(SORTED, response.jsonPath().getList("tags"));
        assertNull(response.header("Link"));
    }

    @Test
    void paginatesWithNAndLast() {
        Response first = list("?n=3");
        assertEquals(SORTED.subList(0, 3), first.jsonPath().getList("tags"));
        assertEquals("</v2/" + repo + "/tags/list?last=_x&n=3>; rel=\"next\"", first.header("Link"));

        Response second = list("?n=3&last=_x");
        assertEquals(SORTED.subList(3, 6), second.jsonPath().getList("tags"));
        assertEquals("</v2/" + repo + "/tags/list?last=v10&n=3>; rel=\"next\"", second.header("Link"));

        Response third = list("?n=3&last=v10");
        assertEquals(List.of("v2"), third.jsonPath().getList("tags"));
        assertNull(third.header("Link"), "no Link on the last page");
    }

    @Test
    void noLinkWhenThePageEndsExactlyAtTheLastTag() {
        Response response = list("?n=" + SORTED.size());
        assertEquals(SORTED, response.jsonPath().getList("tags"));
        assertNull(response.header("Link"));
        assertEquals(SORTED, list("?n=1000").jsonPath().getList("tags"));
    }

    @Test
    void lastIsExclusiveAndNeedNotBeATag() {
        assertEquals(List.of("latest", "v10", "v2"), list("?last=b").jsonPath().getList("tags"));
        assertEquals(List.of("v10", "v2"), list("?last=latest").jsonPath().getList("tags"));
        assertEquals(List.of(), list("?last=zzz").jsonPath().getList("tags"));
        assertEquals(List.of("a-tag"), list("?last=_x&n=1").jsonPath().getList("tags"));
    }

    @Test
    void nZeroIsAnEmptyListWithoutLink() {
        Response response = list("?n=0");
        assertEquals(200, response.statusCode());
        assertEquals(repo, response.jsonPath().getString("name"));
        assertEquals(List.of(), response.jsonPath().getList("tags"));
        assertNull(response.header("Link"));
    }

    @Test
    void negativeOrNonNumericNIsPaginationNumberInvalid() {
        assertErrors(list("?n=-1"), ErrorCode.PAGINATION_NUMBER_INVALID);
        assertErrors(list("?n=abc"), ErrorCode.PAGINATION_NUMBER_INVALID);
        assertErrors(list("?n=1.5"), ErrorCode.PAGINATION_NUMBER_INVALID);
        assertErrors(list("?n=99999999999999999999"), ErrorCode.PAGINATION_NUMBER_INVALID);
    }

    @Test
    void unknownRepositoryIsNameUnknown() {
        assertErrors(given().get("/v2/" + TestBlobs.uniqueRepository("never-pushed") + "/tags/list"),
                ErrorCode.NAME_UNKNOWN);
        assertErrors(given().get("/v2/Bad/tags/list"), ErrorCode.NAME_INVALID);
    }

    @Test
    void repositoryWithOnlyBlobsIsNameUnknown() {
        // docker-registry 2.8.2: NAME_UNKNOWN for a repository holding blobs but no manifests
        String blobsOnly = TestBlobs.uniqueRepository("tags-blobs");
        RegistryApi.pushBlob(blobsOnly, TestBlobs.random(10, 1));
        assertErrors(given().get("/v2/" + blobsOnly + "/tags/list"), ErrorCode.NAME_UNKNOWN);
    }

    @Test
    void deletedTagIsGoneFromTheList() {
        assertEquals(202, given().delete("/v2/" + repo + "/manifests/latest").statusCode());
        assertEquals(List.of("1.0", "V1", "_x", "a-tag", "v10", "v2"), list("").jsonPath().getList("tags"));
    }

    @Test
    void untaggedRevisionsLeaveAnEmptyTagList() {
        assertEquals(202, given().delete("/v2/" + repo + "/manifests/latest").statusCode());
        Ref config = Manifests.emptyConfig(repo);
        byte[] other = Manifests.ociManifest(config, config);
        RegistryApi.pushManifest(repo, TestBlobs.sha256(other), OCI_MANIFEST, other);
        for (String tag : SORTED) {
            given().delete("/v2/" + repo + "/manifests/" + tag);
        }
        Response response = list("");
        assertEquals(200, response.statusCode());
        assertEquals(List.of(), response.jsonPath().getList("tags"));
        assertEquals(200, given().accept(OCI_MANIFEST).get("/v2/" + repo + "/manifests/" + digest).statusCode());
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.testsupport.Manifests;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.wharf.testsupport.ApiAssertions.assertErrors;
import static dev.wharf.testsupport.Manifests.OCI_MANIFEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v2/_catalog} (not in the OCI spec; distribution's API). Other test classes share the registry, so every
 * test works under its own prefix and reads the pages that start right after it ({@code last=<prefix>}).
 */
@QuarkusTest
class CatalogApiTest {
    private String prefix;

    @BeforeEach
    void prefix() {
        prefix = TestBlobs.uniqueRepository("catalog");
    }

    private String push(String suffix) {
        String repo = prefix + "/" + suffix;
        byte[] manifest = Manifests.ociManifest(Manifests.emptyConfig(repo));
        return RegistryApi.pushManifest(repo, "v1", OCI_MANIFEST, manifest);
    }

    /** The page after {@code last}, with at most {@code n} entries. */
    private static Response page(String last, int n) {
        return given().queryParam("last", last).queryParam("n", n).get("/v2/_catalog");
    }

    /** The names of the page after the prefix that belong to this test. */
    private List<String> mine(int n) {
        Response response = page(prefix, n);
        assertEquals(200, response.statusCode(), response::asString);
        return response.jsonPath().getList("repositories", String.class).stream()
                .filter(name -> name.startsWith(prefix + "/")).toList();
    }

    @Test
    void listsRepositoriesInDistributionsPathOrder() {
        // docker-registry 2.8.2 lists t/a, t/a/b, t/a-x, t/a.y: component by component, "/" first
        for (String suffix : List.of("a.y", "b", "a/b", "a-x", "a", "a/b/c")) {
            push(suffix);
        }
        assertEquals(List.of("a", "a/b", "a/b/c", "a-x", "a.y", "b").stream().map(s -> prefix + "/" + s).toList(),
                mine(6));

        Response all = given().get("/v2/_catalog");
        assertEquals(200, all.statusCode());
        assertTrue(all.contentType().startsWith("application/json"), all.contentType());
    }

    @Test
    void paginatesWithNAndLastAndALinkOnlyWhileMoreRemain() {
        push("a");
        push("b");
        push("c");
        String a = prefix + "/a";
        String b = prefix + "/b";

        Response first = page(prefix, 2);
        assertEquals(List.of(a, b), first.jsonPath().getList("repositories"));
        assertEquals("</v2/_catalog?last=" + URLEncoder.encode(b, StandardCharsets.UTF_8) + "&n=2>; rel=\"next\"",
                first.header("Link"));
        assertTrue(first.header("Link").contains("%2F"), "the name is escaped as docker-registry does");

        Response second = page(b, 1);
        assertEquals(List.of(prefix + "/c"), second.jsonPath().getList("repositories"));

        Response lastPage = given().queryParam("last", "\u007f").queryParam("n", 5).get("/v2/_catalog");
        assertEquals(List.of(), lastPage.jsonPath().getList("repositories"));
        assertNull(lastPage.header("Link"), "nothing remains after the highest name");
    }

    @Test
    void nZeroIsAnEmptyListWithoutLink() {
        push("a");
        Response response = given().queryParam("n", 0).get("/v2/_catalog");
        assertEquals(200, response.statusCode());
        assertEquals(List.of(), response.jsonPath().getList("repositories"));
        assertNull(response.header("Link"));
    }

    @Test
    void invalidNIsPaginationNumberInvalid() {
        // distribution v3 (catalog.go): negative, non-numeric or above catalog.maxentries (1000)
        assertErrors(given().queryParam("n", -1).get("/v2/_catalog"), ErrorCode.PAGINATION_NUMBER_INVALID);
        assertErrors(given().queryParam("n", "x").get("/v2/_catalog"), ErrorCode.PAGINATION_NUMBER_INVALID);
        assertErrors(given().queryParam("n", 1001).get("/v2/_catalog"), ErrorCode.PAGINATION_NUMBER_INVALID);
    }

    @Test
    void repositoryWhoseLastManifestIsDeletedLeavesTheCatalog() {
        // unlike docker-registry 2.8.2, which keeps listing it (an often requested change, distribution#1585)
        String gone = push("gone");
        push("kept");
        Response deleted = given().delete("/v2/" + prefix + "/gone/manifests/" + gone);
        assertEquals(202, deleted.statusCode());
        assertEquals(List.of(prefix + "/kept"), mine(10));
        assertErrors(given().get("/v2/" + prefix + "/gone/tags/list"), ErrorCode.NAME_UNKNOWN);
    }

    @Test
    void repositoryWithATagDeletedButRevisionsLeftStaysListed() {
        push("tagged");
        assertEquals(202, given().delete("/v2/" + prefix + "/tagged/manifests/v1").statusCode());
        assertEquals(List.of(prefix + "/tagged"), mine(10));
    }

    @Test
    void repositoryHoldingOnlyBlobsIsNotListed() {
        // docker-registry 2.8.2 lists it (it looks for _layers); Wharf lists repositories holding manifests
        RegistryApi.pushBlob(prefix + "/blobs", TestBlobs.random(10, 3));
        push("image");
        List<String> names = mine(10);
        assertEquals(List.of(prefix + "/image"), names);
        assertFalse(names.contains(prefix + "/blobs"));
    }
}

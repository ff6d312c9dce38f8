package dev.wharf.e2e;

import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Wharf and Debian's {@code docker-registry} (distribution 2.8.2) serve ONE root directory at the same time: what one
 * writes, the other serves byte for byte, and what one deletes is gone for the other. This is the promise that an
 * existing registry:2 directory can be switched to Wharf, and back.
 */
@QuarkusTest
@TestProfile(FilesystemStorageProfile.class)
class ReferenceRegistryCompatibilityTest extends SharedStorageCompatibility {
    @BeforeAll
    static void startReferenceRegistry() {
        skopeo = Skopeo.require();
        reference = ReferenceRegistry.start(FilesystemStorageProfile.root());
    }

    @Override
    String namespace() {
        return "team/app";
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /** Sends to {@code base} the path and query of {@code location} exactly as they were given (no re-escaping). */
    private static java.net.http.HttpResponse<String> send(String base, String location, String method, byte[] body)
            throws Exception {
        java.net.URI uri = java.net.URI.create(location);
        String target = base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(target))
                .header("Content-Type", "application/octet-stream")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String accepted(java.net.http.HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response::body);
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void uploadsMoveBetweenDockerRegistryAndWharfMidWay() throws Exception {
        // One secret, one root: each continues the other's upload from its signed state and its saved hash state.
        String repository = "team/app/handover";
        byte[][] chunks = {TestBlobs.random(70_000, 80), TestBlobs.random(1000, 81), TestBlobs.random(65, 82),
                TestBlobs.random(5000, 83)};
        byte[] content = new byte[70_000 + 1000 + 65 + 5000];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, content, at, chunk.length);
            at += chunk.length;
        }
        String digest = TestBlobs.sha256(content);
        String dockerRegistry = "http://" + reference.hostAndPort();
        String wharfBase = "http://" + wharf.getHost() + ":" + wharf.getPort();

        String location = accepted(send(dockerRegistry, "/v2/" + repository + "/blobs/uploads/", "POST", new byte[0]));
        location = accepted(send(dockerRegistry, location, "PATCH", chunks[0]));
        String path = java.net.URI.create(location).getPath();
        byte[] saved = Files.readAllBytes(FilesystemStorageProfile.root().resolve("docker/registry/v2/repositories/"
                + repository + "/_uploads/" + path.substring(path.lastIndexOf('/') + 1) + "/hashstates/sha256/70000"));
        dev.wharf.store.Sha256State expected = new dev.wharf.store.Sha256State();
        expected.update(chunks[0], 0, chunks[0].length);
        assertArrayEquals(expected.marshal(), saved, "Go's crypto/sha256 state, byte for byte");
        location = accepted(send(wharfBase, location, "PATCH", chunks[1]));
        location = accepted(send(dockerRegistry, location, "PATCH", chunks[2]));
        location = accepted(send(wharfBase, location, "PATCH", chunks[3]));
        java.net.http.HttpResponse<String> done = send(dockerRegistry,
                location + "&digest=" + digest, "PUT", new byte[0]);
        assertEquals(201, done.statusCode(), done::body);
        assertArrayEquals(content, given().get("/v2/" + repository + "/blobs/" + digest).asByteArray());

        location = accepted(send(wharfBase, "/v2/" + repository + "/blobs/uploads/", "POST", new byte[0]));
        location = accepted(send(wharfBase, location, "PATCH", chunks[0]));
        location = accepted(send(dockerRegistry, location, "PATCH", chunks[1]));
        location = accepted(send(wharfBase, location, "PATCH", chunks[2]));
        location = accepted(send(dockerRegistry, location, "PATCH", chunks[3]));
        done = send(wharfBase, location + "&digest=" + digest, "PUT", new byte[0]);
        assertEquals(201, done.statusCode(), done::body);
        assertEquals(200, onReference().get(reference.uri("/v2/" + repository + "/blobs/" + digest)).statusCode());
    }

    @Test
    void dockerSchema2ImagePushedToDockerRegistryIsServedByWharf() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("legacy"), "legacy").tag("1.0").build();
        String repository = "team/app/legacy";
        // one platform, converted to application/vnd.docker.distribution.manifest.v2+json on the way
        skopeo.copy(List.of("--format", "v2s2"), Skopeo.oci(source.directory(), "1.0"),
                Skopeo.docker(reference.port(), repository, "1.0"));

        byte[] manifest = skopeo.inspectRaw(Skopeo.docker(reference.port(), repository, "1.0"));
        assertArrayEquals(manifest, skopeo.inspectRaw(Skopeo.docker(wharf.getPort(), repository, "1.0")));
        Response get = given().accept(ACCEPT_MANIFESTS).get("/v2/" + repository + "/manifests/1.0");
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", get.contentType());
        assertEquals(TestBlobs.sha256(manifest), get.header("Docker-Content-Digest"));
        Path copy = work.resolve("legacy-from-wharf");
        skopeo.copy(List.of(), Skopeo.docker(wharf.getPort(), repository, "1.0"), "dir:" + copy);
        for (String layer : JsonPath.from(new String(manifest,
                StandardCharsets.UTF_8)).getList("layers.digest", String.class)) {
            assertEquals(-1, mismatch(source.blob(layer), copy.resolve(layer.substring("sha256:".length()))),
                    "layer " + layer);
        }
    }

    @Test
    void blobsMountedAcrossRepositoriesByWharfAreServedByDockerRegistry() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("shared"), "shared").tag("1.0").build();
        skopeo.copyAll(Skopeo.oci(source.directory(), "1.0"), Skopeo.docker(wharf.getPort(), "team/base", "1.0"));
        // registry to registry: skopeo mounts the layers with POST ?mount=<digest>&from=team/base
        skopeo.copyAll(Skopeo.docker(wharf.getPort(), "team/base", "1.0"),
                Skopeo.docker(wharf.getPort(), "team/derived", "1.0"));

        Path copy = work.resolve("derived-from-docker-registry");
        skopeo.copyAll(Skopeo.docker(reference.port(), "team/derived", "1.0"), Skopeo.oci(copy, "1.0"));

        source.assertIdenticalCopy(copy, "1.0");
    }

    @Test
    void manifestDeletedThroughWharfIsGoneForDockerRegistry() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("gone"), "gone").tag("3.0").layersPerPlatform(1)
                .build();
        String repository = "team/app/gone";
        skopeo.copyAll(Skopeo.oci(source.directory(), "3.0"), Skopeo.docker(wharf.getPort(), repository, "3.0"));
        String manifestPath = "/v2/" + repository + "/manifests/" + source.indexDigest();
        assertEquals(200, onReference().get(reference.uri(manifestPath)).statusCode(), "served before the delete");

        Response delete = given().delete(manifestPath);
        assertEquals(202, delete.statusCode(), delete::asString);

        Response gone = onReference().get(reference.uri(manifestPath));
        assertEquals(404, gone.statusCode(), gone::asString);
        assertEquals("MANIFEST_UNKNOWN", gone.jsonPath().getString("errors[0].code"), gone::asString);
        Response byTag = onReference().get(reference.uri("/v2/" + repository + "/manifests/3.0"));
        assertEquals(404, byTag.statusCode(), "the tag went with the manifest: " + byTag.asString());
        // the platform manifests were not deleted and are still served
        assertEquals(200, onReference().get(reference.uri("/v2/" + repository + "/manifests/"
                + source.manifestDigests().get(0))).statusCode());
    }

    @Test
    void tagDeletedThroughWharfIsGoneForDockerRegistry() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("untag"), "untag").tag("old").layersPerPlatform(1)
                .build();
        String repository = "team/app/untag";
        skopeo.copyAll(Skopeo.oci(source.directory(), "old"), Skopeo.docker(wharf.getPort(), repository, "old"));
        skopeo.copyAll(Skopeo.docker(wharf.getPort(), repository, "old"),
                Skopeo.docker(wharf.getPort(), repository, "keep"));

        Response untag = given().delete("/v2/" + repository + "/manifests/old");
        assertEquals(202, untag.statusCode(), untag::asString);

        assertEquals(404, onReference().get(reference.uri("/v2/" + repository + "/manifests/old")).statusCode());
        assertEquals(200, onReference().get(reference.uri("/v2/" + repository + "/manifests/keep")).statusCode());
        assertEquals(200, onReference().get(reference.uri("/v2/" + repository + "/manifests/"
                + source.indexDigest())).statusCode(), "untagging keeps the manifest");
        Response tags = onReference().get(reference.uri("/v2/" + repository + "/tags/list"));
        assertEquals(List.of("keep"), tags.jsonPath().getList("tags", String.class), tags::asString);
    }

    @Test
    void manifestAndBlobDeletedThroughDockerRegistryAreGoneForWharf() {
        OciLayout source = OciLayoutBuilder.create(work.resolve("old"), "old").tag("4.0").layersPerPlatform(1)
                .build();
        String repository = "team/app/old";
        skopeo.copyAll(Skopeo.oci(source.directory(), "4.0"), Skopeo.docker(wharf.getPort(), repository, "4.0"));
        String manifestPath = "/v2/" + repository + "/manifests/" + source.indexDigest();
        String layer = layerOf(source, source.manifestDigests().get(0));
        String blobPath = "/v2/" + repository + "/blobs/" + layer;
        // Wharf has served both once, so any cache of its own is warm
        assertEquals(200, given().accept(ACCEPT_MANIFESTS).get(manifestPath).statusCode());
        assertEquals(200, given().head(blobPath).statusCode());

        Response deleteManifest = onReference().delete(reference.uri(manifestPath));
        assertEquals(202, deleteManifest.statusCode(), deleteManifest::asString);
        Response deleteBlob = onReference().delete(reference.uri(blobPath));
        assertEquals(202, deleteBlob.statusCode(), deleteBlob::asString);

        Response manifest = given().accept(ACCEPT_MANIFESTS).get(manifestPath);
        assertEquals(404, manifest.statusCode(), manifest::asString);
        assertEquals("MANIFEST_UNKNOWN", manifest.jsonPath().getString("errors[0].code"), manifest::asString);
        assertEquals(404, given().accept(ACCEPT_MANIFESTS).get("/v2/" + repository + "/manifests/4.0").statusCode(),
                "the tag went with the manifest");
        assertEquals(404, given().head(blobPath).statusCode(), "the layer is unlinked from the repository");
        Response blob = given().get(blobPath);
        assertEquals(404, blob.statusCode(), blob::asString);
        assertEquals("BLOB_UNKNOWN", blob.jsonPath().getString("errors[0].code"), blob::asString);
        Response tags = given().get("/v2/" + repository + "/tags/list");
        assertFalse(tags.statusCode() == 200 && tags.jsonPath().getList("tags", String.class) != null
                && tags.jsonPath().getList("tags", String.class).contains("4.0"), tags::asString);
    }

    @Test
    void tagMovedThroughDockerRegistryIsSeenByWharf() {
        OciLayout first = OciLayoutBuilder.create(work.resolve("moved-1"), "moved-1").tag("stable")
                .layersPerPlatform(1).build();
        OciLayout second = OciLayoutBuilder.create(work.resolve("moved-2"), "moved-2").tag("stable")
                .layersPerPlatform(1).build();
        String repository = "team/app/moved";
        skopeo.copyAll(Skopeo.oci(first.directory(), "stable"), Skopeo.docker(wharf.getPort(), repository, "stable"));
        assertArrayEquals(first.read(first.indexDigest()),
                skopeo.inspectRaw(Skopeo.docker(wharf.getPort(), repository, "stable")), "Wharf serves the first");

        skopeo.copyAll(Skopeo.oci(second.directory(), "stable"),
                Skopeo.docker(reference.port(), repository, "stable"));

        assertArrayEquals(second.read(second.indexDigest()),
                skopeo.inspectRaw(Skopeo.docker(wharf.getPort(), repository, "stable")), "Wharf follows the tag");
        Response head = given().accept(ACCEPT_MANIFESTS).head("/v2/" + repository + "/manifests/stable");
        assertEquals(second.indexDigest(), head.header("Docker-Content-Digest"));
        // the first image is untagged, not deleted
        assertArrayEquals(first.read(first.indexDigest()),
                skopeo.inspectRaw(Skopeo.docker(wharf.getPort(), repository, first.indexDigest())));
    }

    private static long mismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest of the first layer of a platform manifest. */
    private static String layerOf(OciLayout layout, String manifestDigest) {
        return JsonPath.from(new String(layout.read(manifestDigest),
                StandardCharsets.UTF_8)).getString("layers[0].digest");
    }
}

package dev.wharf.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.OciLayoutBuilder;
import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 round trips per registry operation, Wharf against {@code docker-registry} (distribution 2.8.2, no blob
 * descriptor cache, redirects off for both): each registry reaches the same S3Proxy through its own
 * {@link CountingHttpProxy}, under its own root directory, and gets the same requests. Wharf must never need more
 * requests than distribution, and at most half for pushes, pulls, manifest GETs and blob HEADs (less for some, see
 * the end of the test); the table (and each operation's requests) is printed for the record.
 */
@QuarkusTest
@TestProfile(S3RequestCountProfile.class)
class S3RequestCountTest {
    private static final String ACCEPT = String.join(",", OciLayoutBuilder.INDEX, OciLayoutBuilder.MANIFEST,
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final String REPOSITORY = "bench/app";
    private static final String PUSH = "push (1 platform, 3 layers)";
    private static final String PULL = "pull";
    private static final int CATALOG_SIZE = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** Wharf's, from {@link S3RequestCountProfile}. */
    CountingHttpProxy wharfS3;

    @TestHTTPResource("/")
    URL wharf;

    @Test
    void wharfNeedsNoMoreS3RequestsThanDockerRegistry() throws Exception {
        Skopeo skopeo = Skopeo.require();
        OciLayout image = OciLayoutBuilder.create(work.resolve("image"), "count").tag("1.0").build();
        Map<String, List<String>> wharfCounts;
        Map<String, List<String>> referenceCounts;
        try (CountingHttpProxy referenceS3 = CountingHttpProxy.start(wharfS3.target());
                ReferenceRegistry reference = ReferenceRegistry.startOnS3(referenceS3.endpoint(),
                        S3StorageProfile.BUCKET, "/reference")) {
            wharfCounts = measure(skopeo, image, wharfS3, wharf.getPort());
            referenceCounts = measure(skopeo, image, referenceS3, reference.port());
        }

        StringBuilder table = new StringBuilder(String.format("%n%-22s %6s %16s%n", "S3 requests", "Wharf",
                "docker-registry"));
        wharfCounts.forEach((operation, requests) -> table.append(String.format("%-22s %6d %16d%n", operation,
                requests.size(), referenceCounts.get(operation).size())));
        StringBuilder details = new StringBuilder();
        wharfCounts.forEach((operation, requests) -> details.append("\n== ").append(operation)
                .append("\n  Wharf:           ").append(summary(requests))
                .append("\n  docker-registry: ").append(summary(referenceCounts.get(operation))));
        System.out.println(table + details.toString());
        wharfCounts.forEach((operation, requests) -> assertTrue(
                requests.size() <= referenceCounts.get(operation).size(), operation + table));
        // the goal: half of distribution's requests or fewer, where a request can be saved at all (a catalog page
        // lists the directories it visits, a tags list is a single listing in both)
        for (String operation : List.of(PUSH, PULL, "GET manifest by tag", "HEAD blob")) {
            assertTrue(2 * wharfCounts.get(operation).size() <= referenceCounts.get(operation).size(),
                    operation + table);
        }
        // measured 51 against 124: links and data written by the push are known, so the manifest's checks of its
        // blobs read nothing, and small blobs and the manifest are stored without looking for a copy first
        assertTrue(100 * wharfCounts.get(PUSH).size() <= 45 * referenceCounts.get(PUSH).size(), PUSH + table);
        // measured 5 against 36: one GetObject per blob (its link and size known since the push) and the tag's link
        assertTrue(4 * wharfCounts.get(PULL).size() <= referenceCounts.get(PULL).size(), PULL + table);
        // measured 1 against 4: the tag's link; the revision link is known since the push
        assertTrue(4 * wharfCounts.get("GET manifest by tag").size() <= referenceCounts.get("GET manifest by tag")
                .size(), "GET manifest by tag" + table);
        // the blob's link and size are known since the push: answered from memory, like registry:2 with its
        // in-memory blob descriptor cache (Wharf runs with it here, this test's docker-registry without)
        assertEquals(List.of(), wharfCounts.get("HEAD blob"), "HEAD blob" + table);
    }

    /** Runs every operation against one registry, returning the S3 requests each made. */
    private Map<String, List<String>> measure(Skopeo skopeo, OciLayout image, CountingHttpProxy s3, int port)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        Map<String, List<String>> counts = new LinkedHashMap<>();
        counts.put(PUSH, counted(s3, () -> skopeo.copy(List.of("--preserve-digests"),
                Skopeo.oci(image.directory(), "1.0"), Skopeo.docker(port, REPOSITORY, "1.0"))));
        counts.put(PULL, counted(s3, () -> skopeo.copy(List.of(), Skopeo.docker(port, REPOSITORY, "1.0"),
                "dir:" + work.resolve("pull-" + port))));
        HttpResponse<String> manifest = send(base, "GET", "/v2/" + REPOSITORY + "/manifests/1.0");
        JsonNode parsed = JSON.readTree(manifest.body());
        String layer = parsed.get("layers").get(0).get("digest").asText();
        counts.put("GET manifest by tag", counted(s3, () -> expect(200, send(base, "GET",
                "/v2/" + REPOSITORY + "/manifests/1.0"))));
        counts.put("HEAD blob", counted(s3, () -> expect(200, send(base, "HEAD",
                "/v2/" + REPOSITORY + "/blobs/" + layer))));
        fillCatalog(base, parsed, manifest.body());
        counts.put("GET _catalog (" + CATALOG_SIZE + " repos)", counted(s3, () -> {
            HttpResponse<String> catalog = expect(200, send(base, "GET", "/v2/_catalog?n=100"));
            assertEquals(CATALOG_SIZE, JSON.readTree(catalog.body()).get("repositories").size(), catalog.body());
        }));
        counts.put("GET tags/list", counted(s3, () -> expect(200, send(base, "GET",
                "/v2/" + REPOSITORY + "/tags/list"))));
        return counts;
    }

    /** Adds repositories holding the pushed manifest (blobs mounted from the first) until the catalog is full. */
    private static void fillCatalog(String base, JsonNode manifest, String body) throws Exception {
        List<String> blobs = new ArrayList<>();
        blobs.add(manifest.get("config").get("digest").asText());
        manifest.get("layers").forEach(layer -> blobs.add(layer.get("digest").asText()));
        for (int i = 1; i < CATALOG_SIZE; i++) {
            String repository = String.format("bench/repo-%02d", i);
            for (String blob : blobs) {
                expect(201, send(base, "POST", "/v2/" + repository + "/blobs/uploads/?mount=" + blob + "&from="
                        + REPOSITORY));
            }
            HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/manifests/1.0"))
                    .header("Content-Type", manifest.get("mediaType").asText())
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            expect(201, HTTP.send(put, HttpResponse.BodyHandlers.ofString()));
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    private static List<String> counted(CountingHttpProxy s3, Operation operation) throws Exception {
        s3.reset();
        operation.run();
        return s3.requests();
    }

    private static HttpResponse<String> send(String base, String method, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.uri()
                + ": " + response.body());
        return response;
    }

    /** The requests grouped as {@code METHOD path-shape ×n}, digests and upload ids elided. */
    private static String summary(List<String> requests) {
        Map<String, Long> shapes = requests.stream().map(CountingHttpProxy::shape)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        return requests.size() + ": " + shapes.entrySet().stream().map(entry -> entry.getKey() + " ×"
                + entry.getValue()).collect(Collectors.joining(", "));
    }
}

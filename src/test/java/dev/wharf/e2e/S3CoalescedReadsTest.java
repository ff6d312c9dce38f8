package dev.wharf.e2e;

import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.RegistryApi;
import dev.wharf.testsupport.TestBlobs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent manifest GETs by tag on S3 share the GETs of the tag's link yet never answer from before the request: a
 * tag pushed or moved just before a burst of reads is in every answer; tags lists are remembered by their
 * repository's token ({@code TagListVersions}), so that few of them LIST. S3 requests are counted by the profile's {@link CountingHttpProxy}.
 */
@QuarkusTest
@TestProfile(S3CoalescedReadsProfile.class)
class S3CoalescedReadsTest {
    private static final String REPOSITORY = "coalesced/app";
    private static final int READERS = 32;
    private static final int ROUNDS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Wharf's, from {@link S3CoalescedReadsProfile}. */
    CountingHttpProxy wharfS3;

    @TestHTTPResource("/")
    URL wharf;

    @Test
    void concurrentTagsListsAllSeeTheTagPushedBeforeThemAndFewList() throws Exception {
        int listings = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String tag = "round-" + round;
            pushImage(tag);
            wharfS3.reset();
            for (String body : concurrentGets("/v2/" + REPOSITORY + "/tags/list", "application/json")) {
                assertTrue(body.contains("\"" + tag + "\""), body);
            }
            listings += count(line -> line.contains("list-type="));
        }
        // listings are not shared (CoalescedReads), but a list is remembered with its repository's token
        // (TagListVersions): the readers that come after one has listed since the push read the token only
        assertTrue(listings >= ROUNDS && listings < ROUNDS * READERS,
                listings + " S3 listings for " + ROUNDS * READERS + " tags lists");
    }

    @Test
    void concurrentManifestGetsByTagShareTheTagsLinkAndAllSeeTheTagMoved() throws Exception {
        int linkReads = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String digest = pushImage("moving");
            wharfS3.reset();
            for (String body : concurrentGets("/v2/" + REPOSITORY + "/manifests/moving",
                    "application/vnd.oci.image.manifest.v1+json")) {
                assertEquals(digest, TestBlobs.sha256(TestBlobs.utf8(body)), "the manifest the tag names now");
            }
            linkReads += count(line -> line.startsWith("GET ") && line.contains("/tags/moving/current/link"));
        }
        assertTrue(linkReads <= ROUNDS * READERS / 4, linkReads + " S3 reads of the tag's link for "
                + ROUNDS * READERS + " manifest GETs");
    }

    /** Pushes a new image (its own layer) under the tag; returns the manifest's digest. */
    private static String pushImage(String tag) {
        byte[] config = TestBlobs.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = TestBlobs.utf8("layer of " + tag + " at " + System.nanoTime());
        String configDigest = RegistryApi.pushBlob(REPOSITORY, config);
        String layerDigest = RegistryApi.pushBlob(REPOSITORY, layer);
        return RegistryApi.pushManifest(REPOSITORY, tag, "application/vnd.oci.image.manifest.v1+json",
                RegistryApi.ociManifest(configDigest, config.length, layerDigest, Integer.toString(layer.length)));
    }

    /** {@value #READERS} GETs released at once, each on its own connection; their bodies, all checked 200. */
    private List<String> concurrentGets(String path, String accept) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(READERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                responses.add(threads.submit(() -> {
                    go.await();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wharf.getPort()
                            + path)).header("Accept", accept).GET().build();
                    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.body());
                bodies.add(answer.body());
            }
            return bodies;
        } finally {
            threads.shutdownNow();
        }
    }

    private int count(Predicate<String> requestLine) {
        return (int) wharfS3.requests().stream().filter(requestLine).count();
    }
}

package dev.wharf.health;

import dev.wharf.api.S3Profile;
import dev.wharf.testsupport.S3Proxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness on S3 follows S3Proxy: UP while it answers, DOWN (503) soon after it stops and while the bucket is
 * missing, UP again once it is back on the same port with the bucket. Liveness stays UP throughout.
 */
@QuarkusTest
@TestProfile(StorageReadinessS3Test.Profile.class)
class StorageReadinessS3Test {
    /** The S3Proxy process started for the profile, published where the test's class loader can read it. */
    private static final String PID = "wharf.test.readiness.s3proxy.pid";
    /** Readiness must answer well within a probe's usual timeout, even when S3 does not answer. */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(10);

    @ConfigProperty(name = "registry.storage.s3.regionendpoint")
    String endpoint;

    @Test
    void readinessIsDownWhileS3IsAwayAndUpWhenItIsBack() throws Exception {
        assertReadiness(200, "UP");

        ProcessHandle proxy = ProcessHandle.of(Long.getLong(PID)).orElseThrow();
        proxy.destroy();
        proxy.onExit().get(30, TimeUnit.SECONDS);
        String down = assertReadiness(503, "DOWN");
        assertTrue(down.contains("HeadBucket"), down);
        assertEquals(200, given().get("/q/health/live").statusCode(), "liveness does not depend on S3");

        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "readiness-s3-");
        try (S3Proxy restarted = S3Proxy.start(directory, URI.create(endpoint).getPort())) {
            assertReadiness(503, "DOWN"); // S3Proxy keeps buckets in memory: the bucket is gone
            try (S3Client s3 = restarted.client()) {
                s3.createBucket(request -> request.bucket("registry"));
            }
            assertReadiness(200, "UP");
            assertEquals(200, given().get("/q/health/live").statusCode());
        }
    }

    /** Asserts the readiness answer, given within {@link #PROBE_BOUND}, and returns its body. */
    private static String assertReadiness(int status, String state) {
        long start = System.nanoTime();
        Response response = given().get("/q/health/ready");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertEquals(state, response.jsonPath().getString("status"), body);
        assertEquals("s3", response.jsonPath().getString("checks.find { it.name == 'storage' }.data.driver"), body);
        assertTrue(took.compareTo(PROBE_BOUND) < 0, "readiness took " + took);
        return body;
    }

    /** {@link S3Profile} with its own S3Proxy, whose pid the test reads to stop it. */
    public static class Profile extends S3Profile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }
    }

    public static class Resource extends S3Profile.S3ProxyResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            System.setProperty(PID, Long.toString(server().pid()));
            return config;
        }
    }
}

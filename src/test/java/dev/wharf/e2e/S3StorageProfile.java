package dev.wharf.e2e;

import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.S3Proxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Wharf on S3 (S3Proxy, started for the profile) as registry:2 is run there: bucket {@value #BUCKET}, root directory
 * {@value #ROOT}, deletes enabled, blobs served rather than redirected, and the {@code docker-registry} child's
 * {@code http.secret}. Tests read the S3 endpoint from {@code registry.storage.s3.regionendpoint} and start a
 * {@code docker-registry} on the same bucket and root.
 */
public class S3StorageProfile implements QuarkusTestProfile {
    public static final String BUCKET = "registry";
    public static final String ROOT = "/wharf";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }

    /** Wharf's configuration for {@value #BUCKET} under {@code root} at {@code endpoint}. */
    static Map<String, String> wharfConfig(URI endpoint, String root) {
        return Map.ofEntries(
                Map.entry("registry.storage", "s3"),
                Map.entry("registry.storage.s3.bucket", BUCKET),
                Map.entry("registry.storage.s3.region", "us-east-1"),
                Map.entry("registry.storage.s3.regionendpoint", endpoint.toString()),
                Map.entry("registry.storage.s3.forcepathstyle", "true"),
                Map.entry("registry.storage.s3.accesskey", S3Proxy.IDENTITY),
                Map.entry("registry.storage.s3.secretkey", S3Proxy.CREDENTIAL),
                Map.entry("registry.storage.s3.rootdirectory", root),
                Map.entry("registry.storage.redirect.disable", "true"),
                Map.entry("registry.storage.delete.enabled", "true"),
                Map.entry("registry.http.secret", ReferenceRegistry.SECRET));
    }

    /** Starts S3Proxy and creates the bucket. */
    public static class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
        private S3Proxy server;

        @Override
        public Map<String, String> start() {
            server = S3Proxy.startWithBucket("e2e-s3-", BUCKET);
            return wharfConfig(server.endpoint(), ROOT);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}

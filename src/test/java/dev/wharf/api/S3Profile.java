package dev.wharf.api;

import dev.wharf.testsupport.S3Proxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The registry on the S3 driver against S3Proxy (started for the profile), with the smallest chunk size, so the API
 * suites also cover multipart uploads, server-side appends and moves through the real HTTP paths. Redirects are
 * disabled, so that blob GETs are served (and asserted) by the registry itself; {@link S3RedirectProfile} enables
 * them.
 */
public class S3Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("registry.storage.redirect.disable", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }

    /** Starts S3Proxy and creates the bucket; the registry reaches it through REGISTRY_STORAGE_S3_*. */
    public static class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
        private S3Proxy server;

        @Override
        public Map<String, String> start() {
            server = S3Proxy.startWithBucket("api-s3-", "registry");
            return Map.of(
                    "registry.storage", "s3",
                    "registry.storage.s3.bucket", "registry",
                    "registry.storage.s3.regionendpoint", server.endpoint().toString(),
                    "registry.storage.s3.forcepathstyle", "true",
                    "registry.storage.s3.accesskey", S3Proxy.IDENTITY,
                    "registry.storage.s3.secretkey", S3Proxy.CREDENTIAL,
                    "registry.storage.s3.rootdirectory", "/wharf",
                    "registry.storage.s3.chunksize", "5242880");
        }

        /** The server this resource started (for subclasses that act on it). */
        protected S3Proxy server() {
            return server;
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}

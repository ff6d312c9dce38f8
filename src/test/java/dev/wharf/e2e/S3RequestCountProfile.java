package dev.wharf.e2e;

import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.S3Proxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wharf on S3 as in {@link S3StorageProfile} with the in-memory blob descriptor cache (as {@code registry:2}'s sample
 * configuration runs it), but reaching S3Proxy through a {@link CountingHttpProxy}, which is
 * injected into the test's {@code CountingHttpProxy} field so that it can count Wharf's S3 requests.
 */
public class S3RequestCountProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CountedS3ProxyResource.class));
    }

    /** Starts S3Proxy, creates the bucket, and puts the counting proxy in front. */
    public static class CountedS3ProxyResource implements QuarkusTestResourceLifecycleManager {
        private S3Proxy server;
        private CountingHttpProxy proxy;

        @Override
        public Map<String, String> start() {
            server = S3Proxy.startWithBucket("e2e-s3-", S3StorageProfile.BUCKET);
            proxy = CountingHttpProxy.start(server.endpoint());
            Map<String, String> config = new HashMap<>(S3StorageProfile.wharfConfig(proxy.endpoint(),
                    S3StorageProfile.ROOT));
            config.put("registry.storage.cache.blobdescriptor", "inmemory");
            return config;
        }

        @Override
        public void inject(TestInjector testInjector) {
            testInjector.injectIntoFields(proxy, new TestInjector.MatchesType(CountingHttpProxy.class));
        }

        @Override
        public void stop() {
            if (proxy != null) {
                proxy.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}

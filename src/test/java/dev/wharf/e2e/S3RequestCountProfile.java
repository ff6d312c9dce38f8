package dev.wharf.e2e;

import dev.wharf.testsupport.CountingHttpProxy;
import dev.wharf.testsupport.S3Proxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Wharf on S3 as in {@link S3StorageProfile}, but reaching S3Proxy through a {@link CountingHttpProxy}, which is
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
            try {
                Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "e2e-s3-");
                server = S3Proxy.start(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (S3Client s3 = server.client()) {
                s3.createBucket(request -> request.bucket(S3StorageProfile.BUCKET));
            }
            proxy = CountingHttpProxy.start(server.endpoint());
            return S3StorageProfile.wharfConfig(proxy.endpoint(), S3StorageProfile.ROOT);
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

package dev.wharf.e2e;

import dev.wharf.testsupport.ReferenceRegistry;
import dev.wharf.testsupport.Skopeo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;


/**
 * {@link SharedStorageCompatibility} on ONE S3 bucket and root directory ({@code docker-registry}'s {@code s3-aws}
 * driver): the promise that a registry:2 deployment on S3 can be switched to Wharf, and back.
 */
@QuarkusTest
@TestProfile(S3StorageProfile.class)
class S3CompatibilityTest extends SharedStorageCompatibility {
    @BeforeAll
    static void startReferenceRegistry() {
        skopeo = Skopeo.require();
        URI endpoint = URI.create(ConfigProvider.getConfig().getValue("registry.storage.s3.regionendpoint",
                String.class));
        reference = ReferenceRegistry.startOnS3(endpoint, S3StorageProfile.BUCKET, S3StorageProfile.ROOT);
    }

    @Override
    String namespace() {
        return "team/s3";
    }
}

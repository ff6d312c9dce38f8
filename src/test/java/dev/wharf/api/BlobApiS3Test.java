package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BlobApiTest} on the S3 driver (S3Proxy). */
@QuarkusTest
@TestProfile(S3Profile.class)
class BlobApiS3Test extends BlobApiTest {
}

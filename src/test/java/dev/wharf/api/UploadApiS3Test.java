package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UploadApiTest} on the S3 driver (S3Proxy). */
@QuarkusTest
@TestProfile(S3Profile.class)
class UploadApiS3Test extends UploadApiTest {
}

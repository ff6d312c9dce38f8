package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UploadCompletionApiTest} on the S3 driver (S3Proxy). */
@QuarkusTest
@TestProfile(S3Profile.class)
class UploadCompletionApiS3Test extends UploadCompletionApiTest {
}

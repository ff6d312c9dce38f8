package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UploadCompletionApiTest} on the filesystem driver. */
@QuarkusTest
@TestProfile(FilesystemProfile.class)
class UploadCompletionApiFilesystemTest extends UploadCompletionApiTest {
}

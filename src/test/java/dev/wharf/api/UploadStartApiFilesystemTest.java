package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UploadStartApiTest} on the filesystem driver. */
@QuarkusTest
@TestProfile(FilesystemProfile.class)
class UploadStartApiFilesystemTest extends UploadStartApiTest {
}

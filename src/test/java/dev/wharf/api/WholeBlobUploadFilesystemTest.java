package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link WholeBlobUploadTest} on the filesystem driver. */
@QuarkusTest
@TestProfile(FilesystemProfile.class)
class WholeBlobUploadFilesystemTest extends WholeBlobUploadTest {
}

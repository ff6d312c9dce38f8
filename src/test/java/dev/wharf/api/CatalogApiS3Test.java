package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link CatalogApiTest} on the s3 driver (S3Proxy), where the walk reads listings ahead. */
@QuarkusTest
@TestProfile(S3Profile.class)
class CatalogApiS3Test extends CatalogApiTest {
}

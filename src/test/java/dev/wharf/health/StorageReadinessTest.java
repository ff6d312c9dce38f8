package dev.wharf.health;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readiness and liveness on the default test storage, whose health check is the SPI's default stat of the root. */
@QuarkusTest
class StorageReadinessTest {

    @Test
    void readyAndLive() {
        Response ready = given().get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.asString());
        assertEquals("UP", ready.jsonPath().getString("checks.find { it.name == 'storage' }.status"));
        assertEquals(200, given().get("/q/health/live").statusCode());
    }
}

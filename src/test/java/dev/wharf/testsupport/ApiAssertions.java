package dev.wharf.testsupport;

import dev.wharf.error.ErrorCode;
import io.restassured.response.Response;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the registry's error answers, shared by every API test. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    /**
     * Asserts the answer carries the status of the first code and the spec's error body
     * {@code {"errors":[{"code","message","detail"}]}} with exactly these codes, in order, and no stack trace.
     */
    public static void assertErrors(Response response, ErrorCode... codes) {
        assertTrue(codes.length > 0, "name at least one error code");
        assertEquals(codes[0].status(), response.statusCode(), () -> "status of " + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), () -> "content type " + response.contentType());
        List<String> actual = response.jsonPath().getList("errors.code");
        assertEquals(Arrays.stream(codes).map(ErrorCode::code).toList(), actual, response::asString);
        List<String> messages = response.jsonPath().getList("errors.message");
        messages.forEach(message -> assertFalse(message == null || message.isBlank(), "every error has a message"));
        assertFalse(response.asString().contains("\tat "), "no stack trace in the body");
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
    }

    /** Asserts a HEAD answer: the code's status, and no body. */
    public static void assertHeadError(Response response, ErrorCode code) {
        assertEquals(code.status(), response.statusCode());
        assertEquals("", response.asString(), "HEAD answers carry no body");
    }
}

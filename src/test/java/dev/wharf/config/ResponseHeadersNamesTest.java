package dev.wharf.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@link ResponseHeaders} reads the names and values SmallRye binds from config and variables. */
class ResponseHeadersNamesTest {

    @Test
    void namesTakeTheirCanonicalFormWhateverTheSpelling() {
        assertEquals("X-Content-Type-Options", ResponseHeaders.canonical("x-content-type-options"));
        assertEquals("X-Content-Type-Options", ResponseHeaders.canonical("X_CONTENT_TYPE_OPTIONS"));
        assertEquals("X-Content-Type-Options", ResponseHeaders.canonical("x.content.type.options"));
        assertEquals("Strict-Transport-Security", ResponseHeaders.canonical("Strict-Transport-Security"));
    }

    @Test
    void aYamlFlowListIsUnwrapped() {
        assertEquals(List.of("nosniff"), ResponseHeaders.values(List.of("[nosniff]")));
        assertEquals(List.of("a", "b c"), ResponseHeaders.values(List.of("[a", " 'b c']")));
        assertEquals(List.of("max-age=1"), ResponseHeaders.values(List.of("max-age=1")));
    }

    @Test
    void spellingsOfOneNameAreMerged() {
        Map<String, List<String>> headers = ResponseHeaders.of(Map.of("x-a", List.of("1"), "X_A", List.of("2")));
        assertEquals(1, headers.size());
        assertTrue(headers.get("X-A").containsAll(List.of("1", "2")));
    }

    @Test
    void invalidNamesAndValuesStopStartupNamingTheVariable() {
        IllegalStateException name = assertThrows(IllegalStateException.class,
                () -> ResponseHeaders.of(Map.of("X Bad", List.of("v"))));
        assertTrue(name.getMessage().startsWith("REGISTRY_HTTP_HEADERS"), name::getMessage);
        IllegalStateException value = assertThrows(IllegalStateException.class,
                () -> ResponseHeaders.of(Map.of("X-Ok", List.of("a\r\nSet-Cookie: x"))));
        assertTrue(value.getMessage().startsWith("REGISTRY_HTTP_HEADERS_X-Ok"), value::getMessage);
    }
}

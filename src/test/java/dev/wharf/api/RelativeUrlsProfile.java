package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The registry with {@code REGISTRY_HTTP_RELATIVEURLS=true}: Location headers are paths, not URLs. */
public class RelativeUrlsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("registry.http.relativeurls", "true");
    }
}

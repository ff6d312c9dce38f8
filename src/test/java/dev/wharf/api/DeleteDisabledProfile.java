package dev.wharf.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The test registry with {@code registry.storage.delete.enabled=false}, as registry:2 runs by default. */
public class DeleteDisabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("registry.storage.delete.enabled", "false");
    }
}

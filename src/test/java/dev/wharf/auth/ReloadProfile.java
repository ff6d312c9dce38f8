package dev.wharf.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** htpasswd and access files that {@link ReloadTest} rewrites while the registry runs. */
public class ReloadProfile implements QuarkusTestProfile {
    static final String PULL_ONLY = """
            - account: "*"
              repositories: ["**"]
              actions: [pull]
            """;

    static AuthFiles files() {
        return AuthFiles.create("reload", PULL_ONLY);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return files().config();
    }
}

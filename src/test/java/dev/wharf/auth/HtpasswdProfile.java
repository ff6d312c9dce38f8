package dev.wharf.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** htpasswd authentication without an access file: every user may do everything, anonymous callers nothing. */
public class HtpasswdProfile implements QuarkusTestProfile {
    static final String REALM = "Wharf test realm";
    static AuthFiles files() {
        return AuthFiles.create("htpasswd", null);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("registry.auth", "htpasswd", "registry.auth.htpasswd.realm", REALM,
                "registry.auth.htpasswd.path", files().htpasswd().toString());
    }
}

package dev.wharf.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** htpasswd authentication without an access file: every user may do everything, anonymous callers nothing. */
public class HtpasswdProfile implements QuarkusTestProfile {
    static AuthFiles files() {
        return AuthFiles.create("htpasswd", null);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return files().config();
    }
}

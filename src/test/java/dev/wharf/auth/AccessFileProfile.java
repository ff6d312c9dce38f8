package dev.wharf.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * htpasswd authentication with an access file: anonymous pulls of {@code public/**}, every user pulls and pushes
 * {@code team-a/**} and {@code public/**}, bob pulls {@code readonly/*}, alice does everything.
 */
public class AccessFileProfile implements QuarkusTestProfile {
    static final String ACCESS = """
            # anonymous pulls of the public repositories, team pushes, one administrator
            - account: anonymous
              repositories: ["public/**"]
              actions: [pull]
            - account: "*"
              repositories: ["team-a/**", "public/**"]
              actions: [pull, push]
            - account: bob
              repositories: ["readonly/*"]
              actions: [pull]
            - account: alice
              repositories: ["**"]
              actions: [pull, push, delete]
            """;

    static AuthFiles files() {
        return AuthFiles.create("access", ACCESS);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return files().config();
    }
}

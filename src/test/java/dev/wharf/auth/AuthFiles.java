package dev.wharf.auth;

import dev.wharf.testsupport.Htpasswd;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The htpasswd file (written by the real {@code htpasswd -B}) and optional access file of one test profile, in a
 * fresh directory under {@code target/}: alice and bob ({@code $2y$}), carol ({@code $2a$}), dave ({@code $2b$}),
 * and erin, whose MD5 entry Wharf ignores.
 */
record AuthFiles(Path htpasswd, Path access) {
    static final String REALM = "Wharf test realm";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String CAROL = "carol";
    static final String DAVE = "dave";
    static final String ERIN = "erin";

    /** Every user's password: distinctive, so that tests can look for it in logs. */
    static String password(String user) {
        return user + "-S3cret-pw-4b1d9";
    }

    /**
     * The files of the profile {@code name}, written on the first call in this JVM. The profile's overrides and the
     * tests run in different class loaders, so the directory is handed over in a system property.
     */
    static synchronized AuthFiles create(String name, String accessYaml) {
        String property = "wharf.test.auth-files." + name;
        String existing = System.getProperty(property);
        if (existing != null) {
            return new AuthFiles(Path.of(existing, "htpasswd"), Path.of(existing, "access.yml"));
        }
        try {
            Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-");
            System.setProperty(property, directory.toString());
            Path htpasswd = directory.resolve("htpasswd");
            Htpasswd.setUser(htpasswd, ALICE, password(ALICE));
            Htpasswd.setUser(htpasswd, BOB, password(BOB));
            String carol = Htpasswd.bcryptLine(CAROL, password(CAROL)).replace(":$2y$", ":$2a$");
            String dave = Htpasswd.bcryptLine(DAVE, password(DAVE)).replace(":$2y$", ":$2b$");
            Files.write(htpasswd, List.of("# users of the auth tests", carol, "", dave,
                    Htpasswd.md5Line(ERIN, password(ERIN))), StandardOpenOption.APPEND);
            Path access = directory.resolve("access.yml");
            if (accessYaml != null) {
                Files.writeString(access, accessYaml);
            }
            return new AuthFiles(htpasswd, access);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test profile's settings: htpasswd authentication over these files (the access file if written). */
    Map<String, String> config() {
        Map<String, String> config = new HashMap<>(Map.of("registry.auth", "htpasswd",
                "registry.auth.htpasswd.realm", REALM, "registry.auth.htpasswd.path", htpasswd.toString()));
        if (Files.exists(access)) {
            config.put("registry.auth.htpasswd.access", access.toString());
        }
        return config;
    }

    /** A request with the user's Basic credentials. */
    static RequestSpecification as(String user) {
        return as(user, password(user));
    }

    static RequestSpecification as(String user, String password) {
        return given().header("Authorization", Htpasswd.basic(user, password));
    }
}

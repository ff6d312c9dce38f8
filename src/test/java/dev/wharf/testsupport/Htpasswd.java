package dev.wharf.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** htpasswd files written by the real {@code htpasswd} (apache2-utils), and Basic credentials for requests. */
public final class Htpasswd {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Htpasswd() {
    }

    /** {@code htpasswd -bB [-c] file user password}: adds or replaces the user with a bcrypt ({@code $2y$}) entry. */
    public static void setUser(Path file, String user, String password) {
        List<String> command = new ArrayList<>(List.of(tool(), Files.exists(file) ? "-bB" : "-cbB",
                file.toString(), user, password));
        ChildProcess.run("htpasswd", command, TIMEOUT);
    }

    /** {@code htpasswd -nbB user password}: the {@code user:$2y$…} line, written nowhere. */
    public static String bcryptLine(String user, String password) {
        return new String(ChildProcess.run("htpasswd", List.of(tool(), "-nbB", user, password), TIMEOUT),
                StandardCharsets.UTF_8).strip();
    }

    /** {@code htpasswd -nbm user password}: an MD5 ({@code $apr1$}) line, a hash type Wharf ignores. */
    public static String md5Line(String user, String password) {
        return new String(ChildProcess.run("htpasswd", List.of(tool(), "-nbm", user, password), TIMEOUT),
                StandardCharsets.UTF_8).strip();
    }

    /** The {@code Authorization} header value for Basic credentials. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String tool() {
        return ExternalTools.require("htpasswd").toString();
    }
}

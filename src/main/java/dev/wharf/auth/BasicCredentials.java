package dev.wharf.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The user and password of an {@code Authorization: Basic} header. {@link #toString()} never shows the password. */
public record BasicCredentials(String user, String password) {

    /**
     * Empty without a header or with empty ones ({@code Basic Og==}); the credentials of a well-formed Basic header; otherwise (another scheme, bad base64,
     * no colon) {@link IllegalArgumentException}, which callers answer as wrong credentials.
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            throw new IllegalArgumentException("not Basic credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Basic credentials are not base64");
        }
        if (decoded.isEmpty() || decoded.equals(":")) {
            return Optional.empty(); // what skopeo and podman send without credentials: anonymous
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Basic credentials without user:password");
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}

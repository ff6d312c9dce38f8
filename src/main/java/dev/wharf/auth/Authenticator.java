package dev.wharf.auth;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * htpasswd authentication ({@code REGISTRY_AUTH=htpasswd}) and the access rules over it. Built at startup, so a
 * missing realm, a missing htpasswd file or an invalid access file stops the registry with a message naming the
 * variable. Without htpasswd, every caller may do everything.
 */
@Singleton
@Startup
public class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final boolean enabled;
    private final Map<String, String> challenge;
    private final WatchedFile<HtpasswdFile> users;
    private final Optional<WatchedFile<AccessRules>> access;

    public Authenticator(RegistryConfig config) {
        RegistryConfig.Auth.Htpasswd htpasswd = config.auth().htpasswd();
        enabled = config.auth().kind().isPresent() || htpasswd.realm().isPresent() || htpasswd.path().isPresent();
        if (!enabled) {
            if (htpasswd.access().isPresent()) {
                throw new IllegalStateException("REGISTRY_AUTH_HTPASSWD_ACCESS needs REGISTRY_AUTH=htpasswd");
            }
            challenge = Map.of();
            users = null;
            access = Optional.empty();
            return;
        }
        String realm = htpasswd.realm().orElseThrow(() -> new IllegalStateException(
                "REGISTRY_AUTH_HTPASSWD_REALM must be set with REGISTRY_AUTH=htpasswd"));
        Path path = Path.of(htpasswd.path().orElseThrow(() -> new IllegalStateException(
                "REGISTRY_AUTH_HTPASSWD_PATH must be set with REGISTRY_AUTH=htpasswd")));
        if (!Files.exists(path)) {
            throw new IllegalStateException("REGISTRY_AUTH_HTPASSWD_PATH: " + path.toAbsolutePath()
                    + " does not exist; create it with: htpasswd -Bc " + path + " <user>");
        }
        challenge = Map.of("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        users = WatchedFile.load(path, "REGISTRY_AUTH_HTPASSWD_PATH",
                file -> HtpasswdFile.parse(Files.readAllLines(file), file.toString()));
        access = htpasswd.access().map(file -> WatchedFile.load(Path.of(file), "REGISTRY_AUTH_HTPASSWD_ACCESS",
                AccessRules::parse));
        LOG.infof("htpasswd authentication: realm \"%s\", %d users from %s%s", realm, users.get().size(),
                path.toAbsolutePath(), access.map(a -> ", access rules from " + htpasswd.access().get())
                        .orElse(" (every user may pull, push and delete)"));
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The caller behind an {@code Authorization} header, when that takes no bcrypt check: anonymous without a header,
     * a user whose credentials were verified before; empty when a (costly) {@link #authenticate} is needed.
     * Malformed credentials fail as {@link #authenticate} does.
     */
    public Optional<Caller> authenticateCheaply(String authorization) {
        Optional<BasicCredentials> credentials = credentials(authorization);
        if (!enabled || credentials.isEmpty()) {
            return Optional.of(Caller.ANONYMOUS);
        }
        BasicCredentials c = credentials.get();
        return users.get().verifiedBefore(c.user(), c.password()) ? Optional.of(Caller.user(c.user())) : Optional.empty();
    }

    /** The caller behind an {@code Authorization} header; wrong credentials are 401 {@code UNAUTHORIZED}. Blocking. */
    public Caller authenticate(String authorization) {
        Optional<BasicCredentials> credentials = credentials(authorization);
        if (!enabled || credentials.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        BasicCredentials c = credentials.get();
        if (!users.get().authenticate(c.user(), c.password())) {
            LOG.debugf("authentication failed for user %s", c.user());
            throw unauthorized("invalid username or password");
        }
        return Caller.user(c.user());
    }

    /** Whether a caller without credentials may go on to a GET or HEAD (the repository is checked after routing). */
    public boolean anonymousMayPull() {
        return !enabled || rules().anonymousPulls();
    }

    /** Whether the caller may do the action to the repository (any caller when authentication is off). */
    public boolean allows(Caller caller, String repository, Action action) {
        return !enabled || rules().allows(caller, repository, action);
    }

    /** Whether every authenticated user may pull every repository, so listings need no filtering. */
    public boolean pullsEverything(Caller caller) {
        return !enabled || rules().pullsEverything(caller);
    }

    /** Passes or throws: 401 with the challenge for an anonymous caller, 403 {@code DENIED} for a user. */
    public void authorize(Caller caller, String repository, Action action) {
        if (allows(caller, repository, action)) {
            return;
        }
        if (caller.anonymous()) {
            throw unauthorized(null);
        }
        throw new RegistryException(ErrorCode.DENIED,
                Map.of("repository", repository, "action", action.label()));
    }

    /** Passes for a user (or when authentication is off); 401 with the challenge for an anonymous caller. */
    public void requireUser(Caller caller) {
        if (enabled && caller.anonymous()) {
            throw unauthorized(null);
        }
    }

    /** 401 {@code UNAUTHORIZED} with the {@code WWW-Authenticate: Basic realm="…"} challenge. */
    public RegistryException unauthorized(String detail) {
        return new RegistryException(ErrorCode.UNAUTHORIZED, detail, challenge);
    }

    private AccessRules rules() {
        return access.map(WatchedFile::get).orElse(AccessRules.AUTHENTICATED_ONLY);
    }

    private Optional<BasicCredentials> credentials(String authorization) {
        try {
            return BasicCredentials.parse(authorization);
        } catch (IllegalArgumentException e) {
            if (!enabled) {
                return Optional.empty();
            }
            throw unauthorized(e.getMessage());
        }
    }
}

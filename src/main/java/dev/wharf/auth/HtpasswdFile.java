package dev.wharf.auth;

import org.jboss.logging.Logger;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of an htpasswd file ({@code user:hash} lines), bcrypt entries only ({@code $2y$} as {@code htpasswd -B}
 * writes them, {@code $2a$}, {@code $2b$}), as distribution reads it: blank lines and {@code #} comments are skipped,
 * other hash types (MD5, SHA-1, crypt, plain) are ignored with a warning naming the user. Hashes are decoded once.
 */
final class HtpasswdFile {
    private static final Logger LOG = Logger.getLogger(HtpasswdFile.class);

    private final Map<String, Password> users;
    private final CredentialCache verified = new CredentialCache();
    /** Checked for unknown users, so that their answer takes as long as a wrong password's. */
    private final Password decoy;

    private HtpasswdFile(Map<String, Password> users) {
        this.users = Map.copyOf(users);
        this.decoy = users.values().stream().findFirst().orElse(null);
    }

    static HtpasswdFile parse(List<String> lines, String source) {
        Map<String, Password> users = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                LOG.warnf("%s: ignoring a line that is not user:hash", source);
                continue;
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            decode(hash).ifPresentOrElse(password -> users.put(user, password), () -> LOG.warnf(
                    "%s: ignoring user %s: only bcrypt entries ($2y$, $2a$, $2b$; htpasswd -B) are supported",
                    source, user));
        }
        return new HtpasswdFile(users);
    }

    int size() {
        return users.size();
    }

    /** Whether these credentials passed {@link #authenticate} before: cheap, no bcrypt. */
    boolean verifiedBefore(String user, String password) {
        return verified.contains(user, password);
    }

    /** Whether the user exists and the password is theirs; a bcrypt check unless they were verified before. */
    boolean authenticate(String user, String password) {
        if (verified.contains(user, password)) {
            return true;
        }
        if (verify(user, password)) {
            verified.add(user, password);
            return true;
        }
        return false;
    }

    /** One bcrypt check, costly by design. */
    private boolean verify(String user, String password) {
        Password stored = users.get(user);
        boolean known = stored != null;
        Password checked = known ? stored : decoy;
        if (checked == null) {
            return false;
        }
        try {
            boolean matches = factory().verify(checked, password.toCharArray());
            return known && matches;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<Password> decode(String hash) {
        if (!hash.startsWith("$2y$") && !hash.startsWith("$2a$") && !hash.startsWith("$2b$")) {
            return Optional.empty();
        }
        // $2b$ is the same algorithm as $2a$/$2y$ for every password htpasswd accepts; Elytron only knows the others.
        String normalised = hash.startsWith("$2b$") ? "$2a$" + hash.substring(4) : hash;
        try {
            Password password = ModularCrypt.decode(normalised);
            return password instanceof BCryptPassword ? Optional.of(factory().translate(password)) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static PasswordFactory factory() throws NoSuchAlgorithmException {
        return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, WildFlyElytronPasswordProvider.getInstance());
    }
}

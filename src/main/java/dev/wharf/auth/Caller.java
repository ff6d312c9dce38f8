package dev.wharf.auth;

import java.util.Optional;

/** Who sent a request: a user whose password was verified, or anonymous (no credentials). */
public record Caller(Optional<String> user) {
    public static final Caller ANONYMOUS = new Caller(Optional.empty());

    public static Caller user(String name) {
        return new Caller(Optional.of(name));
    }

    public boolean anonymous() {
        return user.isEmpty();
    }

    @Override
    public String toString() {
        return user.orElse("anonymous");
    }
}

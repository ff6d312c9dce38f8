package dev.wharf.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials that passed a bcrypt check, so the next request with them does not pay one again. Only a SHA-256 over
 * user and password is kept (never the password), compared in constant time; the cache is bounded (emptied when
 * full) and belongs to one version of the htpasswd file, so a reload forgets everything.
 */
final class CredentialCache {
    static final int MAX_ENTRIES = 1024;

    private final Map<Key, Boolean> verified = new ConcurrentHashMap<>();

    boolean contains(String user, String password) {
        return verified.containsKey(Key.of(user, password));
    }

    void add(String user, String password) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(Key.of(user, password), Boolean.TRUE);
    }

    private record Key(byte[] sha256) {
        static Key of(String user, String password) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(user.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(password.getBytes(StandardCharsets.UTF_8));
                return new Key(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from the JDK", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && MessageDigest.isEqual(sha256, key.sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return "Key[…]";
        }
    }
}

package dev.wharf.model;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest {@code <algorithm>:<encoded>} as the OCI image spec defines it. Only the registered algorithms
 * that Wharf can verify are accepted: {@code sha256} (64 lowercase hex) and {@code sha512} (128 lowercase hex).
 * Anything else is {@code DIGEST_INVALID} and never reaches storage.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        if (!isValid(algorithm, hex)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; a malformed or unsupported digest is {@code DIGEST_INVALID}. */
    public static Digest parse(String value) {
        if (value == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "digest missing");
        }
        return tryParse(value).orElseThrow(
                () -> new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest: " + abbreviate(value)));
    }

    /** The digest, or empty when the text is not a valid one. */
    public static Optional<Digest> tryParse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0 || !isValid(value.substring(0, colon), value.substring(colon + 1))) {
            return Optional.empty();
        }
        return Optional.of(new Digest(value.substring(0, colon), value.substring(colon + 1)));
    }

    /** True when the text looks like a digest at all (has an algorithm part), valid or not. */
    public static boolean looksLikeDigest(String value) {
        return value.indexOf(':') >= 0;
    }

    public static Digest sha256(byte[] raw) {
        return new Digest("sha256", HexFormatter.hex(raw));
    }

    /** The JCA name of the algorithm. */
    public String jcaAlgorithm() {
        return "sha512".equals(algorithm) ? "SHA-512" : "SHA-256";
    }

    private static boolean isValid(String algorithm, String hex) {
        if ("sha256".equals(algorithm)) {
            return hex != null && SHA256.matcher(hex).matches();
        }
        if ("sha512".equals(algorithm)) {
            return hex != null && SHA512.matcher(hex).matches();
        }
        return false;
    }

    static String abbreviate(String value) {
        return value.length() > 160 ? value.substring(0, 160) + "…" : value;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}

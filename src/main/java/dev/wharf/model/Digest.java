package dev.wharf.model;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.util.Optional;

/**
 * A content digest {@code <algorithm>:<encoded>} as the OCI image spec defines it. Only the registered algorithms
 * that Wharf can verify are accepted: {@code sha256} (64 lowercase hex) and {@code sha512} (128 lowercase hex).
 * Anything else is {@code DIGEST_INVALID} and never reaches storage.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final int SHA256_HEX_LENGTH = 64;
    private static final int SHA512_HEX_LENGTH = 128;

    public Digest {
        if (!isValid(algorithm, hex)) {
            throw invalid(algorithm + ":" + hex);
        }
    }

    /**
     * Parses {@code sha256:<hex>}; a malformed or unsupported digest is {@code DIGEST_INVALID}. The record's
     * constructor does the checking, once.
     */
    public static Digest parse(String value) {
        if (value == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "digest missing");
        }
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw invalid(value);
        }
        return new Digest(value.substring(0, colon), value.substring(colon + 1));
    }

    /** The digest, or empty when the text is not a valid one. */
    public static Optional<Digest> tryParse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String algorithm = value.substring(0, colon);
        String hex = value.substring(colon + 1);
        return isValid(algorithm, hex) ? Optional.of(new Digest(algorithm, hex)) : Optional.empty();
    }

    private static RegistryException invalid(String value) {
        return new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest: " + abbreviate(value));
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
            return isLowercaseHex(hex, SHA256_HEX_LENGTH);
        }
        if ("sha512".equals(algorithm)) {
            return isLowercaseHex(hex, SHA512_HEX_LENGTH);
        }
        return false;
    }

    /** {@code [a-f0-9]{length}}, checked without a regex: every manifest and blob request parses a digest or two. */
    private static boolean isLowercaseHex(String hex, int length) {
        if (hex == null || hex.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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

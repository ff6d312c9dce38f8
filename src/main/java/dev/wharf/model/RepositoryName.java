package dev.wharf.model;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.util.regex.Pattern;

/**
 * A repository name that matches the distribution spec's grammar. Path traversal dies here: a name with {@code ..},
 * an empty component, a backslash or an upper-case letter never becomes a storage path.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    /** The spec's {@code <name>} regex (distribution-spec v1.1, "Pulling manifests"). */
    public static final Pattern PATTERN =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    /** Clients cap {@code host[:port]/name} at 255 characters; the name alone can be no longer. */
    public static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (value == null || value.length() > MAX_LENGTH || !PATTERN.matcher(value).matches()) {
            throw new RegistryException(ErrorCode.NAME_INVALID,
                    "invalid repository name: " + (value == null ? "" : Digest.abbreviate(value)));
        }
    }

    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.wharf.model;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.util.regex.Pattern;

/** A tag matching the spec's {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
public record Tag(String value) implements Comparable<Tag> {
    public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new RegistryException(ErrorCode.TAG_INVALID,
                    "invalid tag: " + (value == null ? "" : Digest.abbreviate(value)));
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

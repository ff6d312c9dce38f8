package dev.wharf.model;

/** The {@code <reference>} of a manifest URL: a tag or a digest. */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

    /** A text with a colon is a digest ({@code DIGEST_INVALID} if malformed), anything else a tag ({@code TAG_INVALID}). */
    static Reference parse(String value) {
        if (value != null && Digest.looksLikeDigest(value)) {
            return new ByDigest(Digest.parse(value));
        }
        return new ByTag(new Tag(value));
    }

    record ByTag(Tag tag) implements Reference {
        @Override
        public String toString() {
            return tag.value();
        }
    }

    record ByDigest(Digest digest) implements Reference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }
}

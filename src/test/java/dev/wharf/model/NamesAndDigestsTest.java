package dev.wharf.model;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's grammar for names, tags, digests and references, checked at the edge. */
class NamesAndDigestsTest {
    private static final String HEX = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"a", "library/ubuntu", "a/b/c", "blobs", "x/manifests", "my-app", "my__app", "my.app",
            "a--b", "0/1/2"})
    void acceptsSpecNames(String name) {
        assertEquals(name, RepositoryName.parse(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "Foo/bar", "a//b", "/a", "a/", "-a", "a-", "a..b", "a/../b", "..", ".",
            "a/./b", "a\\b", "a%2Fb", "_catalog", "a/_manifests", "a___b", "a b"})
    void rejectsEverythingElseAsNameInvalid(String name) {
        RegistryException e = assertThrows(RegistryException.class, () -> RepositoryName.parse(name));
        assertEquals(ErrorCode.NAME_INVALID, e.errorCode());
    }

    @Test
    void capsNameLength() {
        String longest = "a".repeat(RepositoryName.MAX_LENGTH);
        assertEquals(longest, RepositoryName.parse(longest).value());
        assertThrows(RegistryException.class, () -> RepositoryName.parse(longest + "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.0.0", "_x", "A-b_c.d", "sha256-" + "a"})
    void acceptsSpecTags(String tag) {
        assertEquals(tag, new Tag(tag).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", ".x", "a+b", "a/b", "a b"})
    void rejectsBadTagsAsTagInvalid(String tag) {
        RegistryException e = assertThrows(RegistryException.class, () -> new Tag(tag));
        assertEquals(ErrorCode.TAG_INVALID, e.errorCode());
    }

    @Test
    void capsTagsAt128Characters() {
        assertEquals(128, new Tag("a".repeat(128)).value().length());
        assertThrows(RegistryException.class, () -> new Tag("a".repeat(129)));
    }

    @Test
    void parsesSha256AndSha512() {
        Digest d = Digest.parse("sha256:" + HEX);
        assertEquals("sha256", d.algorithm());
        assertEquals("SHA-256", d.jcaAlgorithm());
        assertEquals("SHA-512", Digest.parse("sha512:" + "b".repeat(128)).jcaAlgorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:", "sha256:abc", "sha256:" + "A", "md5:" + "a", ":" + "a", "sha256" + "a",
            "sha256:../../etc/passwd", "sha512:" + "a"})
    void rejectsMalformedDigests(String value) {
        String digest = value.replace("sha256:" + "A", "sha256:" + "A".repeat(64)).replace("md5:" + "a", "md5:" + HEX)
                .replace("sha512:" + "a", "sha512:" + HEX);
        RegistryException e = assertThrows(RegistryException.class, () -> Digest.parse(digest));
        assertEquals(ErrorCode.DIGEST_INVALID, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"g", "`", "/", ":", "@", "F", " ", "é"})
    void rejectsEveryCharacterOutsideLowercaseHex(String character) {
        for (String algorithm : new String[] {"sha256", "sha512"}) {
            String valid = "0123456789abcdef".repeat("sha256".equals(algorithm) ? 4 : 8);
            assertTrue(Digest.tryParse(algorithm + ":" + valid).isPresent(), algorithm);
            assertTrue(Digest.tryParse(algorithm + ":" + valid.substring(1) + character).isEmpty(), algorithm);
            assertTrue(Digest.tryParse(algorithm + ":" + character + valid.substring(1)).isEmpty(), algorithm);
            assertTrue(Digest.tryParse(algorithm + ":" + valid + "0").isEmpty(), "one digit too many");
        }
    }

    @Test
    void referenceIsDigestWhenItHasAColon() {
        assertInstanceOf(Reference.ByDigest.class, Reference.parse("sha256:" + HEX));
        assertInstanceOf(Reference.ByTag.class, Reference.parse("v1"));
        RegistryException e = assertThrows(RegistryException.class, () -> Reference.parse("sha256:nothex"));
        assertEquals(ErrorCode.DIGEST_INVALID, e.errorCode());
        assertTrue(Digest.tryParse("nope").isEmpty());
    }
}

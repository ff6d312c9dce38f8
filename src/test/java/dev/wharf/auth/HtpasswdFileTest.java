package dev.wharf.auth;

import dev.wharf.testsupport.Htpasswd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and bcrypt checks of htpasswd lines written by the real {@code htpasswd}. */
class HtpasswdFileTest {

    @Test
    void everyBcryptPrefixVerifiesAndOtherHashesAreIgnored() {
        String y = Htpasswd.bcryptLine("y", "pw-y");
        String a = Htpasswd.bcryptLine("a", "pw-a").replace(":$2y$", ":$2a$");
        String b = Htpasswd.bcryptLine("b", "pw-b").replace(":$2y$", ":$2b$");
        HtpasswdFile file = HtpasswdFile.parse(List.of("# comment", "", y, a, b, Htpasswd.md5Line("m", "pw-m"),
                "plain:pw-plain", "nocolon"), "test");

        assertEquals(3, file.size());
        assertTrue(file.authenticate("y", "pw-y"));
        assertTrue(file.authenticate("a", "pw-a"));
        assertTrue(file.authenticate("b", "pw-b"));
        assertFalse(file.authenticate("y", "pw-a"));
        assertFalse(file.authenticate("m", "pw-m"));
        assertFalse(file.authenticate("plain", "pw-plain"));
        assertFalse(file.authenticate("nobody", "pw-y"));
    }

    @Test
    void verifiedCredentialsAreRememberedOnlyWhenRight() {
        HtpasswdFile file = HtpasswdFile.parse(List.of(Htpasswd.bcryptLine("u", "right")), "test");
        assertFalse(file.verifiedBefore("u", "right"));
        assertFalse(file.authenticate("u", "wrong"));
        assertFalse(file.verifiedBefore("u", "wrong"));
        assertTrue(file.authenticate("u", "right"));
        assertTrue(file.verifiedBefore("u", "right"));
        assertFalse(file.verifiedBefore("u", "right "));
        assertFalse(file.verifiedBefore("v", "right"));
    }

    @Test
    void anEmptyFileAdmitsNobody() {
        assertFalse(HtpasswdFile.parse(List.of(), "test").authenticate("u", ""));
    }
}

package dev.wharf.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repository globs and the access file's grants and errors. */
class AccessRulesTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "*, app, true", "*, team/app, false", "**, team/app/x, true", "team-a/**, team-a/app, true",
            "team-a/**, team-a/app/x, true", "team-a/**, team-a, false", "team-a/**, team-ab/app, false",
            "team-a/*, team-a/app, true", "team-a/*, team-a/app/x, false", "*/app, x/app, true", "*/app, x/y/app, false",
            "a.b, a.b, true", "a.b, axb, false", "lib/*-base, lib/java-base, true", "exact, exact/x, false"})
    void globsMatchWithinAndAcrossSegments(String glob, String repository, boolean matches) {
        assertEquals(matches, RepositoryPattern.compile(glob).matches(repository));
    }

    @Test
    void grantsAddUpPerAccount() throws IOException {
        AccessRules rules = AccessRules.parse(Files.writeString(work.resolve("a.yml"), """
                - account: anonymous
                  repositories: ["public/**"]
                  actions: [pull]
                - account: "*"
                  repositories: ["team-a/**"]
                  actions: [pull, push]
                - account: alice
                  repositories: ["**"]
                  actions: [pull, push, delete]
                """));
        Caller bob = Caller.user("bob");
        Caller alice = Caller.user("alice");
        assertTrue(rules.allows(Caller.ANONYMOUS, "public/x", Action.PULL));
        assertFalse(rules.allows(Caller.ANONYMOUS, "public/x", Action.PUSH));
        assertFalse(rules.allows(Caller.ANONYMOUS, "team-a/x", Action.PULL));
        assertFalse(rules.allows(bob, "public/x", Action.PULL), "anonymous grants are not user grants");
        assertTrue(rules.allows(bob, "team-a/x", Action.PUSH));
        assertFalse(rules.allows(bob, "team-a/x", Action.DELETE));
        assertTrue(rules.allows(alice, "team-a/x", Action.DELETE));
        assertTrue(rules.anonymousPulls());
        assertTrue(rules.pullsEverything(alice));
        assertFalse(rules.pullsEverything(bob));
        assertFalse(rules.pullsEverything(Caller.ANONYMOUS));
    }

    @Test
    void withoutAFileUsersMayDoEverythingAndAnonymousNothing() {
        AccessRules rules = AccessRules.AUTHENTICATED_ONLY;
        for (Action action : Action.values()) {
            assertTrue(rules.allows(Caller.user("u"), "a/b", action));
            assertFalse(rules.allows(Caller.ANONYMOUS, "a/b", action));
        }
        assertFalse(rules.anonymousPulls());
    }

    @Test
    void anEmptyFileGrantsNothing() throws IOException {
        AccessRules rules = AccessRules.parse(Files.writeString(work.resolve("empty.yml"), "# nobody\n"));
        assertFalse(rules.allows(Caller.user("u"), "a", Action.PULL));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "account: x|expected a list",
            "- account: x\\n  repositories: [a]\\n  actions: [fly]|entry 1: unknown action \"fly\"",
            "- account: x\\n  repositories: []\\n  actions: [pull]|entry 1: repositories must be a non-empty list",
            "- account: x\\n  repositories: [a]|entry 1: actions must be a non-empty list",
            "- repositories: [a]\\n  actions: [pull]|entry 1: account must be",
            "- account: x\\n  repositories: [a]\\n  actions: [pull]\\n  role: admin|entry 1: unknown key \"role\"",
            "- account: x\\n  repositories: [*]\\n  actions: [pull]|not YAML",
            "- 3|entry 1: expected a map"})
    void invalidFilesAreRefusedWithTheEntry(String yaml, String message) throws IOException {
        Path file = Files.writeString(work.resolve("bad.yml"), yaml.replace("\\n", "\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessRules.parse(file));
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }
}

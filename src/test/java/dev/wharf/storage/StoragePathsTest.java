package dev.wharf.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The path grammar every driver enforces: what {@link StoragePaths#check} accepts and what it refuses. */
class StoragePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/docker/registry/v2/blobs/sha256/ab/ab01", "/a.b/c_d/e-f", "/...", "/.a",
            "/a.", "/..a/b", "/a/.x/..y", "/AZaz09._-"})
    void acceptsRootAndSegmentsOfThePortableCharacters(String path) {
        assertEquals(path, StoragePaths.check(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "//", "/a/", "/a//b", "/.", "/..", "/a/.", "/a/..", "/./a", "/../a",
            "/a/./b", "/a/../b", "/a b", "/a:b", "/a\\b", "/ä", "/a\u0000", "/a@b", "/a+b", "/%2e%2e"})
    void refusesEverythingElse(String path) {
        assertThrows(InvalidPathException.class, () -> StoragePaths.check(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", ""})
    void checkObjectRefusesTheRoot(String path) {
        assertThrows(InvalidPathException.class, () -> StoragePaths.checkObject(path));
    }
}

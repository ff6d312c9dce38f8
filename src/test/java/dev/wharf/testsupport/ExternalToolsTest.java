package dev.wharf.testsupport;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing tool skips a test on a workstation but fails it in CI, where every tool must be installed. */
class ExternalToolsTest {

    @Test
    void missingToolFailsInCiAndSkipsElsewhere() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Class<? extends Throwable> expected = ci ? AssertionFailedError.class : TestAbortedException.class;
        assertThrows(expected, () -> ExternalTools.require("wharf-no-such-tool"));
    }

    @Test
    void toolOnPathIsFound() {
        assertTrue(ExternalTools.find("sh").isPresent(), "sh is on every PATH");
    }
}

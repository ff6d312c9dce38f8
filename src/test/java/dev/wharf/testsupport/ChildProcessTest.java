package dev.wharf.testsupport;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child processes never outlive a test, and their failures say why. */
class ChildProcessTest {

    @Test
    void closeEndsTheWholeProcessTree() throws Exception {
        ExternalTools.require("sh");
        ChildProcess child = ChildProcess.start("tree", List.of("sh", "-c", "sleep 600 & sleep 600 & wait"));
        child.awaitReady("two sleeping children", Duration.ofSeconds(10), () -> child.descendants().size() >= 2);
        List<ProcessHandle> descendants = child.descendants();

        child.close();

        assertFalse(child.isAlive());
        for (ProcessHandle descendant : descendants) {
            descendant.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(descendant.isAlive(), "descendant " + descendant.pid());
        }
    }

    @Test
    void runReturnsStdoutAndFailsWithTheOutputOnError() {
        ExternalTools.require("sh");
        byte[] out = ChildProcess.run("echo", List.of("sh", "-c", "printf hello; echo noise >&2"), Duration.ofSeconds(10));
        assertEquals("hello", new String(out, StandardCharsets.UTF_8), "stdout only, byte for byte");

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> ChildProcess.run("failing",
                List.of("sh", "-c", "echo what went wrong >&2; exit 3"), Duration.ofSeconds(10)));
        assertTrue(failure.getMessage().contains("exited with 3"), failure::getMessage);
        assertTrue(failure.getMessage().contains("what went wrong"), failure::getMessage);

        AssertionFailedError timeout = assertThrows(AssertionFailedError.class, () -> ChildProcess.run("slow",
                List.of("sleep", "600"), Duration.ofMillis(300)));
        assertTrue(timeout.getMessage().contains("did not finish"), timeout::getMessage);
    }
}

package dev.wharf.deploy;

import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/jvm.options} is the one place for the JVM's options: every option in it is one this JDK knows, and
 * README's commands and the tests' (so the benchmark's) start the jar with it. ({@link DockerfilesTest} checks the
 * image's entrypoint.)
 */
class JvmOptionsTest {
    private static final Path README = Path.of("README.md");
    private static final String IGNORE_UNRECOGNIZED = "-XX:+IgnoreUnrecognizedVMOptions";

    /** The options in the file: one per line, comments and blank lines aside. */
    private static List<String> options() throws IOException {
        return Files.readAllLines(WharfProcess.JVM_OPTIONS).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    @Test
    void everyOptionIsOneThisJdkKnows() throws IOException {
        List<String> options = options();
        assertTrue(options.stream().allMatch(option -> option.startsWith("-") && !option.contains(" ")),
                "one option per line: " + options);
        assertFalse(options.stream().anyMatch(option -> option.startsWith("-Xmx")),
                "the heap's limit follows the memory (MaxRAMPercentage); the tests add -Xmx128m: " + options);
        // Without the option that lets older JDKs skip what they do not know, a misspelt option stops the JVM.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        options.stream().filter(option -> !option.equals(IGNORE_UNRECOGNIZED)).forEach(command::add);
        command.add("-version");
        ChildProcess.Finished version = ChildProcess.runToEnd("java-options", command, Duration.ofMinutes(1));
        assertEquals(0, version.status(), version::output);
        // `java -version` writes to stderr only: anything on stdout is the JVM rejecting an option it still started
        // with (a CompileCommand it cannot parse), or an option printing a line into the registry's log.
        assertEquals("", new String(version.stdout(), StandardCharsets.UTF_8), version::output);
    }

    @Test
    void readmeAndTheTestsRunTheJarWithIt() throws IOException {
        List<String> runs = Files.readAllLines(README).stream()
                .filter(line -> line.contains("java ") && line.contains("target/quarkus-app/quarkus-run.jar")).toList();
        assertTrue(runs.size() >= 2, "README's run commands: " + runs);
        for (String run : runs) {
            assertTrue(run.contains("java @deploy/jvm.options -jar target/quarkus-app/quarkus-run.jar"), run);
        }
        List<String> tests = WharfProcess.commandLine();
        assertEquals(List.of("@" + WharfProcess.JVM_OPTIONS, "-Xmx128m", "-jar"), tests.subList(1, 4), tests::toString);
    }
}

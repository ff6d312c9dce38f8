package dev.wharf.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** External programs the tests drive (skopeo, Debian's docker-registry, htpasswd from apache2-utils, kubectl, wrk). */
public final class ExternalTools {
    private ExternalTools() {
    }

    /**
     * The executable found on {@code PATH}. When it is missing the test fails if {@code CI=true} (CI installs every
     * tool, so a missing one is a broken build) and is skipped otherwise.
     */
    public static Path require(String executable) {
        Optional<Path> found = find(executable);
        if (found.isPresent()) {
            return found.get();
        }
        String message = executable
                + " is not on PATH (apt-get install -y skopeo docker-registry apache2-utils wrk kubernetes-client: .ci/run)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI=true, so the test cannot be skipped");
        }
        Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /** The executable on {@code PATH}, if any. */
    public static Optional<Path> find(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

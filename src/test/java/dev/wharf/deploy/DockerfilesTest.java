package dev.wharf.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfiles cannot be built here (no container engine), so their final stage is checked for what the
 * Kubernetes manifests and registry:2's users rely on: port 5000, the storage volume, and the non-root user the pods
 * run as. ({@code SelfHostedImageIT} builds and runs the JVM image's equivalent.)
 */
class DockerfilesTest {
    private static final Path DEPLOY = Path.of("deploy");

    @Test
    void jvmImageRunsTheFastJar() throws IOException {
        List<String> runtime = checkRuntimeStage("Dockerfile.jvm");
        assertTrue(runtime.contains("ENTRYPOINT [\"/opt/java/bin/java\", \"@/deployments/jvm.options\", \"-jar\", "
                + "\"/deployments/quarkus-run.jar\"]"), runtime::toString);
        assertTrue(runtime.contains("COPY deploy/jvm.options /deployments/jvm.options"),
                "the JVM's options, as README's command and the tests use them");
        assertTrue(runtime.contains("COPY --from=build /build/jre /opt/java"), "the jlinked JRE");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(runtime.stream().anyMatch(line -> line.contains("/build/target/quarkus-app/" + part)), part);
        }
    }

    @Test
    void nativeImageRunsTheExecutable() throws IOException {
        List<String> runtime = checkRuntimeStage("Dockerfile.native");
        assertTrue(runtime.stream().anyMatch(line -> line.matches("COPY --from=build .* /code/target/\\*-runner "
                + "/work/application")), runtime::toString);
        assertTrue(runtime.contains("ENTRYPOINT [\"/work/application\"]"), runtime::toString);
        assertTrue(Files.readString(DEPLOY.resolve("Dockerfile.native")).contains("package -Pnative"));
    }

    /** The lines of the last stage, after checking its port, volume and user. */
    private static List<String> checkRuntimeStage(String dockerfile) throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve(dockerfile)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        assertTrue(from > 0, dockerfile + " builds in a stage of its own");
        List<String> runtime = lines.subList(from, lines.size());
        assertTrue(runtime.contains("EXPOSE 5000"), dockerfile);
        assertTrue(runtime.contains("VOLUME /var/lib/registry"), dockerfile);
        assertEquals(List.of("USER " + podUser() + ":0"),
                runtime.stream().filter(line -> line.startsWith("USER ")).toList(), dockerfile + ": the pods' user");
        return runtime;
    }

    /** The {@code runAsUser} of the Kubernetes base, which must not be root. */
    private static int podUser() throws IOException {
        String deployment = Files.readString(DEPLOY.resolve(Path.of("kubernetes", "base", "deployment.yaml")));
        Matcher user = Pattern.compile("runAsUser: (\\d+)").matcher(deployment);
        assertTrue(user.find());
        int uid = Integer.parseInt(user.group(1));
        assertTrue(uid > 0);
        return uid;
    }
}

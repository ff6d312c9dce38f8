package dev.wharf.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Wharf's JVM image as {@code deploy/Dockerfile.jvm} makes it, without a container engine or base image: a JRE of the
 * Dockerfile's modules linked by {@code jlink} from the JDK running the tests, then Quarkus' fast-jar in the
 * Dockerfile's layers (dependencies first; {@code deploy/jvm.options} with the launcher), the Dockerfile's entrypoint,
 * a non-root user, port 5000, volume {@code /var/lib/registry}. Only the base image differs: none here, Debian's slim
 * image there.
 */
final class JvmImage {
    static final String USER = "10001:0";
    static final List<String> LAYERS = List.of("jre", "lib", "launcher", "app", "quarkus");
    /** {@code deploy/Dockerfile.jvm}, whose module list and entrypoint this image takes. */
    static final Path DOCKERFILE = Path.of("deploy", "Dockerfile.jvm");
    /** Where the Dockerfile copies {@code deploy/jvm.options}, the entrypoint's argument file. */
    static final String JVM_OPTIONS = "/deployments/jvm.options";
    private static final Path APP = WharfProcess.JAR.getParent();
    private static final Path JRE = Path.of("target", "jib", "jre");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EPOCH_PLUS_SECOND = Instant.ofEpochSecond(1);

    private JvmImage() {
    }

    /** The image's layers and configuration, ready to {@code containerize}. */
    static JibContainerBuilder builder() throws IOException {
        Assertions.assertTrue(Files.isRegularFile(WharfProcess.JAR), "package first: " + WharfProcess.JAR);
        Path empty = Files.createDirectories(Path.of("target", "jib", "empty"));
        FileEntriesLayer jre = FileEntriesLayer.builder().setName("jre")
                .addEntryRecursive(jre(), AbsoluteUnixPath.get("/opt/java"),
                        (source, target) -> FilePermissions.fromPosixFilePermissions(permissions(source)))
                // From scratch there is no /tmp, which the JVM and Vert.x need, and no volume directory to own.
                .addEntry(new FileEntry(empty, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"),
                        EPOCH_PLUS_SECOND))
                .addEntry(new FileEntry(empty, AbsoluteUnixPath.get("/var/lib/registry"),
                        FilePermissions.fromOctalString("770"), EPOCH_PLUS_SECOND, USER))
                .build();
        return Jib.fromScratch().setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(jre)
                .addFileEntriesLayer(layer("lib", APP.resolve("lib"), "/deployments/lib"))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("launcher")
                        .addEntry(WharfProcess.JAR, AbsoluteUnixPath.get("/deployments/quarkus-run.jar"))
                        .addEntry(WharfProcess.JVM_OPTIONS, AbsoluteUnixPath.get(JVM_OPTIONS)).build())
                .addFileEntriesLayer(layer("app", APP.resolve("app"), "/deployments/app"))
                .addFileEntriesLayer(layer("quarkus", APP.resolve("quarkus"), "/deployments/quarkus"))
                .setEntrypoint(entrypoint()).setUser(USER).setWorkingDirectory(AbsoluteUnixPath.get("/deployments"))
                .addExposedPort(Port.tcp(5000)).addVolume(AbsoluteUnixPath.get("/var/lib/registry"))
                .addEnvironmentVariable("JAVA_HOME", "/opt/java");
    }

    /** The {@code ENTRYPOINT} of {@link #DOCKERFILE}. */
    static List<String> entrypoint() throws IOException {
        String line = dockerfileLine("ENTRYPOINT ");
        return List.of(JSON.readValue(line.substring("ENTRYPOINT ".length()), String[].class));
    }

    /** The {@code JRE_MODULES} the Dockerfile's builder stage passes to jlink. */
    static String modules() throws IOException {
        return dockerfileLine("ARG JRE_MODULES=").substring("ARG JRE_MODULES=".length());
    }

    private static String dockerfileLine(String start) throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE).stream().filter(line -> line.startsWith(start)).toList();
        Assertions.assertEquals(1, lines.size(), () -> DOCKERFILE + ": one line starting with " + start);
        return lines.get(0).strip();
    }

    private static FileEntriesLayer layer(String name, Path source, String target) throws IOException {
        return FileEntriesLayer.builder().setName(name).addEntryRecursive(source, AbsoluteUnixPath.get(target)).build();
    }

    /**
     * {@code target/jib/jre}: the Dockerfile's modules, linked by {@code jlink} once (about 15 s, 40 MB) from the JDK's {@code jmods} (in Debian's
     * openjdk-17-jdk-headless). Without jlink the test fails under {@code CI=true} and is skipped otherwise.
     */
    static synchronized Path jre() throws IOException {
        String modules = modules();
        Path stamp = JRE.resolveSibling("jre.modules");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(modules)) {
            return JRE;
        }
        Path home = Path.of(System.getProperty("java.home"));
        Path jlink = home.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            String message = "no jlink in " + home + " (a JDK, e.g. openjdk-17-jdk-headless, rather than a JRE)";
            Assertions.assertFalse("true".equalsIgnoreCase(System.getenv("CI")), message + "; CI=true");
            Assumptions.abort(message + "; skipping");
        }
        deleteRecursively(JRE);
        Files.createDirectories(JRE.getParent());
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", modules, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=2", "--output", JRE.toString()));
        ChildProcess.run("jlink", command, Duration.ofMinutes(3));
        Files.writeString(stamp, modules);
        return JRE;
    }

    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

package dev.wharf.it;

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
 * Wharf's JVM image made without a container engine or base image: a JRE cut down by {@code jlink} from the JDK
 * running the tests, then Quarkus' fast-jar in the layers {@code deploy/Dockerfile.jvm} makes (dependencies first),
 * run as a non-root user, port 5000, volume {@code /var/lib/registry}.
 */
final class JvmImage {
    static final String USER = "10001:0";
    static final String JAVA = "/opt/java/bin/java";
    static final List<String> ENTRYPOINT = List.of(JAVA, "-XX:MaxRAMPercentage=50", "-jar",
            "/deployments/quarkus-run.jar");
    static final List<String> LAYERS = List.of("jre", "lib", "launcher", "app", "quarkus");
    /**
     * What Wharf needs from the JDK: {@code jdeps} over its jars, plus {@code jdk.zipfs} (Quarkus' class loader
     * opens jars as file systems) and {@code jdk.crypto.ec} (TLS with EC keys and ECDHE).
     */
    static final String MODULES = "java.base,java.compiler,java.logging,java.management,java.naming,"
            + "java.security.jgss,java.security.sasl,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs";
    private static final Path APP = WharfProcess.JAR.getParent();
    private static final Path JRE = Path.of("target", "jib", "jre");
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
                        .addEntry(WharfProcess.JAR, AbsoluteUnixPath.get("/deployments/quarkus-run.jar")).build())
                .addFileEntriesLayer(layer("app", APP.resolve("app"), "/deployments/app"))
                .addFileEntriesLayer(layer("quarkus", APP.resolve("quarkus"), "/deployments/quarkus"))
                .setEntrypoint(ENTRYPOINT).setUser(USER).setWorkingDirectory(AbsoluteUnixPath.get("/deployments"))
                .addExposedPort(Port.tcp(5000)).addVolume(AbsoluteUnixPath.get("/var/lib/registry"))
                .addEnvironmentVariable("JAVA_HOME", "/opt/java");
    }

    private static FileEntriesLayer layer(String name, Path source, String target) throws IOException {
        return FileEntriesLayer.builder().setName(name).addEntryRecursive(source, AbsoluteUnixPath.get(target)).build();
    }

    /**
     * {@code target/jib/jre}, made by {@code jlink} once (about 15 s, 40 MB) from the JDK's {@code jmods} (in Debian's
     * openjdk-17-jdk-headless). Without jlink the test fails under {@code CI=true} and is skipped otherwise.
     */
    static synchronized Path jre() throws IOException {
        Path stamp = JRE.resolveSibling("jre.modules");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(MODULES)) {
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
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=2", "--output", JRE.toString()));
        ChildProcess.run("jlink", command, Duration.ofMinutes(3));
        Files.writeString(stamp, MODULES);
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

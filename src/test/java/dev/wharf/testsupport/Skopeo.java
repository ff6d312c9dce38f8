package dev.wharf.testsupport;

import org.junit.jupiter.api.Assertions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code skopeo} client against plain-HTTP registries on loopback: {@code --insecure-policy}, TLS verification
 * off for {@code docker://} references, unless {@link #verifyingTls} gives a certificate directory. Every call fails
 * the test with skopeo's output when it exits with an error or takes longer than its timeout.
 */
public final class Skopeo {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path executable;
    private final Path certDirectory;

    private Skopeo(Path executable, Path certDirectory) {
        this.executable = executable;
        this.certDirectory = certDirectory;
    }

    /** The skopeo on PATH (see {@link ExternalTools#require}). */
    public static Skopeo require() {
        return new Skopeo(ExternalTools.require("skopeo"), null);
    }

    /**
     * This skopeo verifying the registry's certificate with the {@code ca.crt} in {@code directory} (and presenting
     * its {@code client.cert}/{@code client.key}, if any) instead of turning TLS verification off.
     */
    public Skopeo verifyingTls(Path directory) {
        return new Skopeo(executable, directory);
    }

    /** {@code docker://127.0.0.1:<port>/<repository>:<tag or @digest>}. */
    public static String docker(int port, String repository, String tagOrDigest) {
        String separator = tagOrDigest.startsWith("sha256:") ? "@" : ":";
        return "docker://127.0.0.1:" + port + "/" + repository + separator + tagOrDigest;
    }

    /** {@code oci:<directory>:<tag>}. */
    public static String oci(Path layout, String tag) {
        return "oci:" + layout.toAbsolutePath() + ":" + tag;
    }

    /** {@code skopeo copy --all --preserve-digests source destination}: every platform, no digest changed. */
    public String copyAll(String source, String destination) {
        return copy(List.of("--all", "--preserve-digests"), source, destination);
    }

    /** {@code skopeo copy <options> source destination}, e.g. {@code --format v2s2} to convert to Docker's format. */
    public String copy(List<String> options, String source, String destination) {
        return new String(run(copyArguments(options, source, destination)), StandardCharsets.UTF_8);
    }

    /** {@link #copy} expected to fail (e.g. without credentials): returns skopeo's output. */
    public String copyFails(List<String> options, String source, String destination) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--insecure-policy"));
        command.addAll(copyArguments(options, source, destination));
        ChildProcess.Finished finished = ChildProcess.runToEnd("skopeo-copy", command, TIMEOUT);
        Assertions.assertNotEquals(0, finished.status(), () -> "skopeo copy should have failed:\n" + finished.output());
        return finished.output();
    }

    private List<String> copyArguments(List<String> options, String source, String destination) {
        List<String> arguments = new ArrayList<>(List.of("copy", "--retry-times", "0"));
        arguments.addAll(options);
        if (source.startsWith("docker://")) {
            arguments.addAll(tls("--src-"));
        }
        if (destination.startsWith("docker://")) {
            arguments.addAll(tls("--dest-"));
        }
        arguments.add(source);
        arguments.add(destination);
        return arguments;
    }

    /** {@code --<prefix>tls-verify=false}, or the certificate directory with verification on. */
    private List<String> tls(String prefix) {
        return certDirectory == null ? List.of(prefix + "tls-verify=false")
                : List.of(prefix + "tls-verify=true", prefix + "cert-dir=" + certDirectory.toAbsolutePath());
    }

    /** {@code skopeo inspect --raw}: the manifest exactly as served. */
    public byte[] inspectRaw(String image) {
        List<String> arguments = new ArrayList<>(List.of("inspect", "--raw"));
        arguments.addAll(tls("--"));
        arguments.add(image);
        return run(arguments);
    }

    /** {@code skopeo list-tags}: JSON {@code {"Repository": ..., "Tags": [...]}}. */
    public String listTags(String repository) {
        List<String> arguments = new ArrayList<>(List.of("list-tags"));
        arguments.addAll(tls("--"));
        arguments.add(repository);
        return new String(run(arguments), StandardCharsets.UTF_8);
    }

    /** Any other skopeo command ({@code --insecure-policy} is added in front); returns its stdout. */
    public byte[] run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--insecure-policy"));
        command.addAll(arguments);
        return ChildProcess.run("skopeo-" + arguments.get(0), command, TIMEOUT);
    }
}

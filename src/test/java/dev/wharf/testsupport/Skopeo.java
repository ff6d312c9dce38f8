package dev.wharf.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code skopeo} client against plain-HTTP registries on loopback: {@code --insecure-policy}, TLS verification
 * off for {@code docker://} references. Every call fails the test with skopeo's output when it exits with an error
 * or takes longer than its timeout.
 */
public final class Skopeo {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path executable;

    private Skopeo(Path executable) {
        this.executable = executable;
    }

    /** The skopeo on PATH (see {@link ExternalTools#require}). */
    public static Skopeo require() {
        return new Skopeo(ExternalTools.require("skopeo"));
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
        List<String> arguments = new ArrayList<>(List.of("copy", "--retry-times", "0"));
        arguments.addAll(options);
        if (source.startsWith("docker://")) {
            arguments.add("--src-tls-verify=false");
        }
        if (destination.startsWith("docker://")) {
            arguments.add("--dest-tls-verify=false");
        }
        arguments.add(source);
        arguments.add(destination);
        return new String(run(arguments), StandardCharsets.UTF_8);
    }

    /** {@code skopeo inspect --raw}: the manifest exactly as served. */
    public byte[] inspectRaw(String image) {
        return run(List.of("inspect", "--raw", "--tls-verify=false", image));
    }

    /** {@code skopeo list-tags}: JSON {@code {"Repository": ..., "Tags": [...]}}. */
    public String listTags(String repository) {
        return new String(run(List.of("list-tags", "--tls-verify=false", repository)), StandardCharsets.UTF_8);
    }

    /** Any other skopeo command ({@code --insecure-policy} is added in front); returns its stdout. */
    public byte[] run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--insecure-policy"));
        command.addAll(arguments);
        return ChildProcess.run("skopeo-" + arguments.get(0), command, TIMEOUT);
    }
}

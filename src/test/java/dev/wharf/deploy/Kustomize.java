package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.ExternalTools;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The overlays under {@code deploy/kubernetes/overlays/}, rendered by {@code kubectl kustomize} (the tool
 * {@code kubectl apply -k} uses; Debian's {@code kubernetes-client}): fails under {@code CI=true} without kubectl.
 */
final class Kustomize {
    static final Path OVERLAYS = Path.of("deploy", "kubernetes", "overlays");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The overlays' names, sorted. */
    static List<String> overlays() {
        try (Stream<Path> children = Files.list(OVERLAYS)) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Rendered> renderAll() {
        return overlays().stream().map(Kustomize::render).toList();
    }

    /** {@code kubectl kustomize deploy/kubernetes/overlays/<overlay>}, once per test run. */
    static Rendered render(String overlay) {
        Path kubectl = ExternalTools.require("kubectl");
        return RENDERED.computeIfAbsent(overlay, name -> {
            byte[] yaml = ChildProcess.run("kubectl-kustomize",
                    List.of(kubectl.toString(), "kustomize", OVERLAYS.resolve(name).toString()), Duration.ofMinutes(1));
            try {
                List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                        .filter(JsonNode::isObject).toList();
                return new Rendered(name, objects);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One overlay's objects. */
    record Rendered(String name, List<JsonNode> objects) {
        /** The only object of {@code kind}. */
        JsonNode single(String kind) {
            List<JsonNode> found = objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
            Assertions.assertEquals(1, found.size(), name + ": one " + kind);
            return found.get(0);
        }

        JsonNode deployment() {
            return single("Deployment");
        }

        /** The pod's only container. */
        JsonNode container() {
            JsonNode containers = deployment().at("/spec/template/spec/containers");
            Assertions.assertEquals(1, containers.size(), name + ": one container");
            return containers.get(0);
        }

        /** The container's variables with a literal value (those from a Secret map to ""). */
        Map<String, String> env(JsonNode container) {
            Map<String, String> env = new LinkedHashMap<>();
            container.path("env").forEach(entry -> env.put(entry.path("name").asText(), entry.path("value").asText()));
            return env;
        }

        Optional<JsonNode> envEntry(JsonNode container, String variable) {
            for (JsonNode entry : container.path("env")) {
                if (variable.equals(entry.path("name").asText())) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }

        /** The pod volume mounted where {@code path} lies (fails when no mount holds it). */
        JsonNode volumeAt(String path) {
            for (JsonNode mount : container().path("volumeMounts")) {
                String mountPath = mount.path("mountPath").asText();
                if (path.equals(mountPath) || path.startsWith(mountPath + "/")) {
                    for (JsonNode volume : deployment().at("/spec/template/spec/volumes")) {
                        if (volume.path("name").equals(mount.path("name"))) {
                            return volume;
                        }
                    }
                }
            }
            return Assertions.fail(name + ": no volume is mounted at " + path);
        }
    }
}

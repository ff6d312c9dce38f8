package dev.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import dev.wharf.testsupport.ChildProcess;
import dev.wharf.testsupport.OciLayout;
import dev.wharf.testsupport.Skopeo;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wharf hosts its own image: Jib builds the JVM image of {@code deploy/Dockerfile.jvm} from the packaged jar
 * ({@link JvmImage}, no container engine) and pushes it into a running Wharf; skopeo pulls it back; the image's
 * files, unpacked, run as a second Wharf that then receives the same image from the first.
 */
class SelfHostedImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void wharfServesItsOwnImageAndTheImageRunsWharf() throws Exception {
        Skopeo skopeo = Skopeo.require();
        try (WharfProcess registry = WharfProcess.launch("wharf-host",
                Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", temp.resolve("host").toString())).awaitStarted()) {
            String reference = "127.0.0.1:" + registry.port() + "/wharf:jvm";
            JibContainer pushed = JvmImage.builder().containerize(Containerizer.to(RegistryImage.named(reference))
                    .setAllowInsecureRegistries(true).setToolName("wharf-tests")
                    .setBaseImageLayersCache(Path.of("target", "jib", "cache"))
                    .setApplicationLayersCache(Path.of("target", "jib", "cache")));

            String image = Skopeo.docker(registry.port(), "wharf", "jvm");
            byte[] manifestBytes = skopeo.inspectRaw(image);
            assertEquals(pushed.getDigest().toString(), TestBlobs.sha256(manifestBytes), "manifest digest");
            Path layout = temp.resolve("pulled");
            skopeo.copyAll(image, Skopeo.oci(layout, "jvm"));
            JsonNode manifest = JSON.readTree(manifestBytes);
            JsonNode config = JSON.readTree(OciLayout.blob(layout, manifest.at("/config/digest").asText()).toFile())
                    .path("config");
            assertEquals(JvmImage.entrypoint(), strings(config.path("Entrypoint")));
            assertEquals(JvmImage.USER, config.path("User").asText());
            assertTrue(config.path("ExposedPorts").has("5000/tcp"), config::toString);
            assertTrue(config.path("Volumes").has("/var/lib/registry"), config::toString);
            assertEquals(JvmImage.LAYERS.size(), manifest.path("layers").size(), "one layer each: " + JvmImage.LAYERS);

            Path root = Files.createDirectories(temp.resolve("rootfs"));
            for (JsonNode layer : manifest.path("layers")) {
                Path blob = OciLayout.blob(layout, layer.path("digest").asText());
                ChildProcess.run("tar", List.of("tar", "--no-same-owner", "-xzf", blob.toString(), "-C",
                        root.toString()), Duration.ofMinutes(1));
            }
            List<String> entrypoint = new ArrayList<>();
            for (String argument : JvmImage.entrypoint()) {
                // Paths in the image, the argument file's (@/deployments/jvm.options) too, are under the root here.
                String file = argument.startsWith("@/") ? argument.substring(1) : argument;
                String prefix = file.equals(argument) ? "" : "@";
                entrypoint.add(file.startsWith("/") ? prefix + root.resolve(file.substring(1)) : argument);
            }
            assertTrue(entrypoint.contains("@" + root.resolve(JvmImage.JVM_OPTIONS.substring(1))),
                    "the image runs the JVM with its options file: " + entrypoint);
            try (WharfProcess fromImage = WharfProcess.launch("wharf-from-image", entrypoint,
                    Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", temp.resolve("second").toString()))
                    .awaitStarted()) {
                assertEquals(200, ChildProcess.httpStatus(URI.create(fromImage.base() + "/q/health/ready")));
                String copy = Skopeo.docker(fromImage.port(), "wharf", "jvm");
                skopeo.copyAll(image, copy);
                assertArrayEquals(manifestBytes, skopeo.inspectRaw(copy), "the image, served by the image");
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

}

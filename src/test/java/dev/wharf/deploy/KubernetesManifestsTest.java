package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.config.RegistryAddress;
import dev.wharf.config.RegistryConfig;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests, rendered by {@code kubectl kustomize} as {@code kubectl apply -k} would, use only what
 * Wharf offers: every probe is a path this application answers 200 on, on the port it listens on, and every
 * {@code REGISTRY_*} variable is one its {@link RegistryConfig} mapping binds.
 */
@QuarkusTest
class KubernetesManifestsTest {
    private static final ConfigVariables VARIABLES = ConfigVariables.of(RegistryConfig.class);

    @Test
    void everyOverlayRenders() {
        List<String> rendered = Kustomize.renderAll().stream().map(Kustomize.Rendered::name).toList();
        assertEquals(List.of("filesystem", "s3"), rendered);
    }

    @Test
    void probesUseTheHealthEndpointsOnTheListeningPort() {
        for (Kustomize.Rendered overlay : Kustomize.renderAll()) {
            JsonNode container = overlay.container();
            int port = RegistryAddress.parse(overlay.env(container).getOrDefault("REGISTRY_HTTP_ADDR", ":5000"))
                    .orElseThrow().port();
            assertEquals(port, container.at("/ports/0/containerPort").asInt(), overlay.name());
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), overlay.name());
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), overlay.name());
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode httpGet = container.path(probe).path("httpGet");
                if (httpGet.isMissingNode()) {
                    continue;
                }
                assertEquals(container.at("/ports/0/name").asText(), httpGet.path("port").asText(),
                        overlay.name() + " " + probe + " port");
                String path = httpGet.path("path").asText();
                given().get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void everyRegistryVariableIsOneWharfReads() {
        for (Kustomize.Rendered overlay : Kustomize.renderAll()) {
            List<String> unknown = new ArrayList<>();
            for (String name : overlay.env(overlay.container()).keySet()) {
                if (name.startsWith("REGISTRY_") && !VARIABLES.reads(name)) {
                    unknown.add(name);
                }
            }
            assertEquals(List.of(), unknown, overlay.name() + ": not read by RegistryConfig " + VARIABLES.patterns());
        }
    }

    @Test
    void secretsComeFromSecretsAndFilesFromVolumes() {
        for (Kustomize.Rendered overlay : Kustomize.renderAll()) {
            JsonNode container = overlay.container();
            Map<String, String> env = overlay.env(container);
            assertEquals("htpasswd", env.get("REGISTRY_AUTH"), overlay.name());
            assertTrue(overlay.volumeAt(env.get("REGISTRY_AUTH_HTPASSWD_PATH")).has("secret"),
                    overlay.name() + ": the htpasswd file is in a Secret volume");
            for (String name : List.of("REGISTRY_HTTP_SECRET", "REGISTRY_STORAGE_S3_ACCESSKEY",
                    "REGISTRY_STORAGE_S3_SECRETKEY")) {
                overlay.envEntry(container, name).ifPresent(entry -> assertFalse(
                        entry.path("valueFrom").path("secretKeyRef").isMissingNode(), overlay.name() + " " + name));
            }
        }
        Kustomize.Rendered filesystem = Kustomize.render("filesystem");
        String root = filesystem.env(filesystem.container()).get("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY");
        assertTrue(filesystem.volumeAt(root).has("persistentVolumeClaim"), "data on the claim");
        assertEquals(1, filesystem.deployment().at("/spec/replicas").asInt());
        Kustomize.Rendered s3 = Kustomize.render("s3");
        assertEquals("s3", s3.env(s3.container()).get("REGISTRY_STORAGE"));
        assertTrue(s3.deployment().at("/spec/replicas").asInt() > 1, "several replicas on S3");
        assertTrue(s3.envEntry(s3.container(), "REGISTRY_HTTP_SECRET").isPresent(), "replicas share the secret");
    }

    @Test
    void podsAreLimitedNonRootAndSelectedByServiceAndBudget() {
        for (Kustomize.Rendered overlay : Kustomize.renderAll()) {
            JsonNode pod = overlay.deployment().at("/spec/template");
            JsonNode container = overlay.container();
            assertTrue(pod.at("/spec/securityContext/runAsNonRoot").asBoolean(), overlay.name());
            assertTrue(pod.at("/spec/securityContext/runAsUser").asInt() > 0, overlay.name());
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), overlay.name());
            assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), overlay.name());
            for (String field : List.of("/resources/requests/cpu", "/resources/requests/memory",
                    "/resources/limits/memory")) {
                assertFalse(container.at(field).asText().isEmpty(), overlay.name() + field);
            }
            JsonNode labels = pod.at("/metadata/labels");
            for (String kind : List.of("Service", "PodDisruptionBudget")) {
                JsonNode object = overlay.single(kind);
                JsonNode selector = kind.equals("Service") ? object.at("/spec/selector")
                        : object.at("/spec/selector/matchLabels");
                assertTrue(selector.size() > 0, overlay.name() + " " + kind);
                selector.fields().forEachRemaining(label -> assertEquals(label.getValue(), labels.get(label.getKey()),
                        overlay.name() + " " + kind + " selects the pods"));
            }
            assertEquals(container.at("/ports/0/name").asText(),
                    overlay.single("Service").at("/spec/ports/0/targetPort").asText(), overlay.name());
        }
    }
}

package dev.wharf.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders for the manifest kinds a registry stores: Docker schema 2 manifest and manifest list, OCI image manifest
 * and index, OCI artifact manifests ({@code artifactType}, empty config, {@code subject}). Output is compact JSON with
 * keys in the order given, as bytes; push them with {@link RegistryApi#pushManifest}.
 */
public final class Manifests {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** The OCI empty descriptor's content, {@code {}}. */
    public static final byte[] EMPTY_JSON = TestBlobs.utf8("{}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** What a descriptor points at. */
    public record Ref(String mediaType, String digest, long size) {
        public static Ref of(String mediaType, byte[] content) {
            return new Ref(mediaType, TestBlobs.sha256(content), content.length);
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mediaType", mediaType);
            out.put("digest", digest);
            out.put("size", size);
            return out;
        }

        /** This descriptor with a {@code platform}, as an index entry. */
        public Map<String, Object> on(String os, String architecture) {
            Map<String, Object> out = json();
            out.put("platform", Map.of("architecture", architecture, "os", os));
            return out;
        }
    }

    /** Pushes the blob into the repository and returns a reference to it. */
    public static Ref blob(String repository, String mediaType, byte[] content) {
        RegistryApi.pushBlob(repository, content);
        return Ref.of(mediaType, content);
    }

    /** Pushes the OCI empty config {@code {}}. */
    public static Ref emptyConfig(String repository) {
        return blob(repository, OCI_EMPTY, EMPTY_JSON);
    }

    public static byte[] dockerManifest(Ref config, Ref... layers) {
        return image(DOCKER_MANIFEST, null, config, null, Map.of(), layers);
    }

    public static byte[] ociManifest(Ref config, Ref... layers) {
        return image(OCI_MANIFEST, null, config, null, Map.of(), layers);
    }

    /** An OCI image manifest with every optional field: {@code artifactType}, {@code subject}, annotations. */
    public static byte[] image(String mediaType, String artifactType, Ref config, Ref subject,
                               Map<String, String> annotations, Ref... layers) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType);
        if (artifactType != null) {
            root.put("artifactType", artifactType);
        }
        root.put("config", config.json());
        List<Object> layerList = new ArrayList<>();
        for (Ref layer : layers) {
            layerList.add(layer.json());
        }
        root.put("layers", layerList);
        if (subject != null) {
            root.put("subject", subject.json());
        }
        if (!annotations.isEmpty()) {
            root.put("annotations", annotations);
        }
        return write(root);
    }

    /** An OCI artifact: {@code artifactType}, the empty config, one layer (the empty blob when none given). */
    public static byte[] artifact(String artifactType, Ref emptyConfig, Ref subject, Map<String, String> annotations,
                                  Ref... layers) {
        Ref[] content = layers.length == 0 ? new Ref[] {emptyConfig} : layers;
        return image(OCI_MANIFEST, artifactType, emptyConfig, subject, annotations, content);
    }

    /** A Docker manifest list or OCI index; entries are {@link Ref#json()}-like maps (see {@link Ref#on}). */
    @SafeVarargs
    public static byte[] index(String mediaType, String artifactType, Ref subject, Map<String, Object>... entries) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType);
        if (artifactType != null) {
            root.put("artifactType", artifactType);
        }
        root.put("manifests", List.of(entries));
        if (subject != null) {
            root.put("subject", subject.json());
        }
        return write(root);
    }

    /** An index entry without a platform. */
    public static Map<String, Object> entry(Ref manifest) {
        return manifest.json();
    }

    private static byte[] write(Object root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

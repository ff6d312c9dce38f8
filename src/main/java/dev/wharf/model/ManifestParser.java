package dev.wharf.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pushed manifest: Docker schema 2 manifest or manifest list, OCI image manifest or index (artifacts
 * included). The media type comes from the body's {@code mediaType}, else from the request's Content-Type, else from
 * the shape (an index has {@code manifests}). Anything else is {@code MANIFEST_INVALID} with a detail saying why.
 */
public final class ManifestParser {
    /** Trailing content after the manifest object is refused, as Go's {@code json.Unmarshal} in registry:2 does. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {
    }

    public static ParsedManifest parse(byte[] body, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("manifest could not be read");
        }
        if (root == null || !root.isObject()) {
            throw invalid("manifest must be a JSON object");
        }
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.intValue() != 2) {
            throw invalid("schemaVersion must be 2 (schema 1 manifests are not supported)");
        }
        String mediaType = mediaTypeOf(root, contentType);
        if (!MediaTypes.isSupportedManifest(mediaType)) {
            throw invalid("unsupported manifest media type: " + mediaType);
        }
        Optional<Descriptor> subject = optionalDescriptor(root, "subject");
        String artifactType = text(root, "artifactType");
        Map<String, String> annotations = annotations(root);
        if (MediaTypes.isIndex(mediaType)) {
            return new ParsedManifest(mediaType, Optional.empty(), List.of(), descriptors(root, "manifests", true),
                    subject, artifactType, annotations);
        }
        Descriptor config = optionalDescriptor(root, "config")
                .orElseThrow(() -> invalid("an image manifest needs a config descriptor"));
        List<Descriptor> layers = descriptors(root, "layers", false);
        return new ParsedManifest(mediaType, Optional.of(config), layers, List.of(), subject, artifactType, annotations);
    }

    private static String mediaTypeOf(JsonNode root, String contentType) {
        JsonNode field = root.get("mediaType");
        if (field != null && !field.isNull() && !field.isTextual()) {
            throw invalid("mediaType must be a string");
        }
        String declared = text(root, "mediaType");
        String header = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (declared != null) {
            if (header != null && MediaTypes.isSupportedManifest(header) && !header.equals(declared)) {
                throw invalid("mediaType " + declared + " does not match Content-Type " + header);
            }
            return declared;
        }
        if (header != null && MediaTypes.isSupportedManifest(header)) {
            return header;
        }
        return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    private static List<Descriptor> descriptors(JsonNode root, String field, boolean required) {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            if (required) {
                throw invalid(field + " is required");
            }
            return List.of();
        }
        if (!array.isArray()) {
            throw invalid(field + " must be an array");
        }
        List<Descriptor> out = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            out.add(descriptor(node, field));
        }
        return Collections.unmodifiableList(out);
    }

    private static Optional<Descriptor> optionalDescriptor(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(descriptor(node, field));
    }

    private static Descriptor descriptor(JsonNode node, String field) {
        if (!node.isObject()) {
            throw invalid(field + " must hold descriptor objects");
        }
        String mediaType = text(node, "mediaType");
        if (mediaType == null) {
            throw invalid(field + ": descriptor without mediaType");
        }
        String digestText = text(node, "digest");
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (RegistryException e) {
            throw invalid(field + ": descriptor with invalid digest " + (digestText == null ? "(none)" : digestText));
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw invalid(field + ": descriptor " + digest + " without a valid size");
        }
        JsonNode urls = node.get("urls");
        return new Descriptor(mediaType, digest, size.longValue(), text(node, "artifactType"), annotations(node),
                platform(node.get("platform")), urls != null && urls.isArray() && !urls.isEmpty());
    }

    private static Descriptor.Platform platform(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Descriptor.Platform(text(node, "os"), text(node, "architecture"), text(node, "variant"));
    }

    /** The {@code annotations} map; anything but an object of strings is {@code MANIFEST_INVALID} (image spec). */
    private static Map<String, String> annotations(JsonNode node) {
        JsonNode annotations = node.get("annotations");
        if (annotations == null || annotations.isNull()) {
            return Map.of();
        }
        if (!annotations.isObject()) {
            throw invalid("annotations must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        annotations.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw invalid("annotation " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return Collections.unmodifiableMap(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static RegistryException invalid(String detail) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, detail);
    }
}

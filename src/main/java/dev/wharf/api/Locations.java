package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * Builds {@code Location} headers as distribution does ({@code urls.go NewURLBuilderFromRequest}): absolute by
 * default, from {@code REGISTRY_HTTP_HOST} when set, else from the request: the RFC 7239 {@code Forwarded} header when
 * present, otherwise {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}, then {@code Host}. Only the first hop of each
 * list counts, and values that are not a plain host or http(s) scheme are ignored. Relative paths when
 * {@code REGISTRY_HTTP_RELATIVEURLS} is true.
 */
@Singleton
public class Locations {
    private final boolean relative;
    private final String configuredBase;

    public Locations(RegistryConfig config) {
        this.relative = config.http().relativeurls();
        this.configuredBase = config.http().host().map(h -> h.endsWith("/") ? h.substring(0, h.length() - 1) : h)
                .orElse(null);
    }

    public String blob(HttpServerRequest request, RepositoryName name, Digest digest) {
        return base(request) + "/v2/" + name.value() + "/blobs/" + digest;
    }

    /** The Location of an upload session, carrying its signed state ({@code _state}: unpadded base64url, no escaping). */
    public String upload(HttpServerRequest request, RepositoryName name, UploadId id, String state) {
        return base(request) + "/v2/" + name.value() + "/blobs/uploads/" + id.value() + "?_state=" + state;
    }

    public String manifest(HttpServerRequest request, RepositoryName name, Digest digest) {
        return base(request) + "/v2/" + name.value() + "/manifests/" + digest;
    }

    private String base(HttpServerRequest request) {
        if (relative) {
            return "";
        }
        if (configuredBase != null) {
            return configuredBase;
        }
        String proto;
        String host;
        String forwarded = firstValue(request.getHeader("Forwarded"));
        if (forwarded != null) {
            proto = forwardedParameter(forwarded, "proto");
            host = forwardedParameter(forwarded, "host");
        } else {
            proto = firstValue(request.getHeader("X-Forwarded-Proto"));
            host = firstValue(request.getHeader("X-Forwarded-Host"));
        }
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            return "";
        }
        String scheme = proto != null && proto.matches("https?") ? proto : request.scheme();
        return scheme + "://" + host;
    }

    /** A parameter of one RFC 7239 forwarded-element ({@code for=..;proto=https;host="h:1"}), unquoted. */
    private static String forwardedParameter(String element, String name) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The first element of a comma-separated header, trimmed; null when there is none. */
    static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }
}

package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * Builds {@code Location} headers as distribution does: absolute by default, from {@code REGISTRY_HTTP_HOST} when
 * set, else from the request ({@code X-Forwarded-Proto}/{@code X-Forwarded-Host} first, then {@code Host});
 * relative paths when {@code REGISTRY_HTTP_RELATIVEURLS} is true.
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

    public String upload(HttpServerRequest request, RepositoryName name, UploadId id) {
        return base(request) + "/v2/" + name.value() + "/blobs/uploads/" + id.value();
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
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            return "";
        }
        String scheme = proto != null && proto.matches("https?") ? proto : request.scheme();
        return scheme + "://" + host;
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }
}

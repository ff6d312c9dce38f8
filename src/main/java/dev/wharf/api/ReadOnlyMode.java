package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED}: every write ({@code POST}, {@code PATCH}, {@code PUT},
 * {@code DELETE}) is refused with 405 {@code UNSUPPORTED} before its resource runs, so storage is not touched;
 * {@code GET} and {@code HEAD} are served as usual. Distribution registers no write handlers in this mode (405 too).
 * Application-scoped: Quarkus REST creates its filters at static init, before the configuration is there.
 */
@ApplicationScoped
public class ReadOnlyMode {
    private final boolean enabled;

    public ReadOnlyMode(RegistryConfig config) {
        this.enabled = config.storage().maintenance().readonly().enabled();
    }

    @ServerRequestFilter
    public void refuseWrites(ContainerRequestContext request) {
        if (enabled && !isRead(request.getMethod())) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, "the registry is in read-only mode"
                    + " (REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED): " + request.getMethod() + " is refused");
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}

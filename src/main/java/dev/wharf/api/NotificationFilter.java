package dev.wharf.api;

import dev.wharf.notifications.Event;
import dev.wharf.notifications.Notifier;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Turns successful registry requests into notification events, in one place so resources stay unaware of them. As in
 * registry:2 (distribution 2.8): a manifest {@code GET}/{@code HEAD} is a pull (with the tag when pulled by tag), a
 * manifest {@code PUT} a push (with the tag), a blob {@code GET}/{@code HEAD} a pull, a completed upload a push of the
 * blob, a cross-repository mount a mount ({@code fromRepository}), a {@code DELETE} a delete (by tag: the tag). Only
 * what the request already knows is captured here; sizes and media types are read later by {@link EventTargets} on
 * the notifier's thread, so the request is never slowed.
 */
public class NotificationFilter {
    private static final Logger LOG = Logger.getLogger(NotificationFilter.class);

    private final Notifier notifier;
    private final EventTargets targets;

    public NotificationFilter(Notifier notifier, EventTargets targets) {
        this.notifier = notifier;
        this.targets = targets;
    }

    @ServerResponseFilter
    public void notify(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
                       RoutingContext rc) {
        if (!notifier.enabled() || resource == null || resource.getMethodName() == null) {
            return;
        }
        try {
            publish(request, response, resource.getMethodName(), rc);
        } catch (RuntimeException e) {
            // a notification never fails the request it reports
            LOG.warnf("notifications: no event for %s %s: %s", rc.request().method(), rc.request().path(), e);
        }
    }

    private void publish(ContainerRequestContext request, ContainerResponseContext response, String method,
                         RoutingContext rc) {
        int status = response.getStatus();
        var path = request.getUriInfo().getPathParameters();
        var query = request.getUriInfo().getQueryParameters();
        String name = path.getFirst("name");
        String digestHeader = response.getHeaderString(Routes.CONTENT_DIGEST);
        EventTargets.Pending target = switch (method) {
            case "getManifest", "headManifest" -> status == 200
                    ? targets.manifest(rc.request(), name, path.getFirst("reference"), digestHeader) : null;
            case "putManifest" -> status == 201
                    ? targets.manifest(rc.request(), name, path.getFirst("reference"), digestHeader) : null;
            case "deleteManifest" -> status == 202 ? targets.deleted(name, path.getFirst("reference")) : null;
            case "getBlob", "headBlob" -> status == 200 || status == 206 || status == 307
                    ? targets.blob(rc.request(), name, path.getFirst("digest"), null) : null;
            case "deleteBlob" -> status == 202 ? targets.deleted(name, path.getFirst("digest")) : null;
            case "startUpload", "completeUpload" -> status == 201
                    ? targets.blob(rc.request(), name, digestHeader, query.getFirst("mount") == null ? null
                    : query.getFirst("from") == null ? "" : query.getFirst("from")) : null;
            default -> null;
        };
        if (target == null) {
            return;
        }
        String action = switch (method) {
            case "getManifest", "headManifest", "getBlob", "headBlob" -> Event.PULL;
            case "deleteManifest", "deleteBlob" -> Event.DELETE;
            default -> target.mount() ? Event.MOUNT : Event.PUSH;
        };
        String id = UUID.randomUUID().toString();
        String timestamp = Instant.now().toString();
        Event.Request origin = origin(rc.request());
        Event.Actor actor = new Event.Actor(AuthFilter.caller(rc).user().orElse(null));
        Event.Source source = notifier.source();
        notifier.publish(() -> new Event(id, timestamp, action, target.resolve(), origin, actor, source));
    }

    /** distribution's {@code RequestRecord}: the client's address as its {@code context.RemoteAddr} finds it. */
    private static Event.Request origin(HttpServerRequest request) {
        String addr = Locations.firstValue(request.getHeader("X-Forwarded-For"));
        if (addr == null) {
            addr = Locations.firstValue(request.getHeader("X-Real-Ip"));
        }
        if (addr == null && request.remoteAddress() != null) {
            addr = request.remoteAddress().host() + ":" + request.remoteAddress().port();
        }
        String agent = request.getHeader("User-Agent");
        return new Event.Request(UUID.randomUUID().toString(), addr, request.getHeader("Host"),
                request.method().name(), agent == null ? "" : agent);
    }
}

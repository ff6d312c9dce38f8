package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.metrics.HttpMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches every {@code /v2} request from its first byte to its last: the operation that took it (named by the
 * resource method, i.e. the spec's name: {@code getBlob}, {@code patchUpload}, …) and its repository, then at its
 * end its status, bytes and duration, for {@link HttpMetrics} and for the access log (one line per request on the
 * {@code dev.wharf.access} logger unless {@code REGISTRY_LOG_ACCESSLOG_DISABLED}): method, path (never the query,
 * which carries upload state), status, bytes in and out, duration, repository, operation and user. No header is
 * logged, so no credentials are.
 */
@ApplicationScoped
public class RequestObserver {
    private static final Logger ACCESS = Logger.getLogger("dev.wharf.access");
    private static final String OPERATION = "wharf.operation";
    private static final String REPOSITORY = "wharf.repository";
    /**
     * Whether the request counts in {@code wharf_uploads_in_flight}: {@link #OPEN} until an upload is matched
     * ({@link #COUNTED}) or the request ends ({@link #ENDED}). A client that closes the connection right after an
     * upload's head ends the request on the event loop, possibly before the match runs on the request thread: the
     * match must then not count it, or the gauge keeps an upload that is gone.
     */
    private static final String UPLOADING = "wharf.uploading";
    private static final int OPEN = 0;
    private static final int COUNTED = 1;
    private static final int ENDED = 2;
    private static final String TAPPED = "wharf.tapped";
    private static final Set<String> UPLOADS = Set.of("startUpload", "patchUpload", "completeUpload");
    private static final Set<String> PUSHES = Set.of("startUpload", "patchUpload", "completeUpload", "putManifest");
    private static final Set<String> PULLS = Set.of("getBlob", "getManifest");

    private final HttpMetrics metrics;
    private final boolean accessLog;

    public RequestObserver(HttpMetrics metrics, RegistryConfig config) {
        this.metrics = metrics;
        this.accessLog = !config.log().accesslog().disabled();
    }

    void install(@Observes Router router) {
        router.route("/v2*").order(-1001).handler(rc -> {
            long start = System.nanoTime();
            rc.put(UPLOADING, new AtomicInteger(OPEN));
            rc.addEndHandler(done -> ended(rc, start));
            rc.next();
        });
    }

    /** Runs once the request is matched, before authorization, so that refused requests are named too. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void matched(ContainerRequestContext request, ResourceInfo resource, RoutingContext rc) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        rc.put(OPERATION, method.getName());
        String name = request.getUriInfo().getPathParameters().getFirst("name");
        if (name != null) {
            rc.put(REPOSITORY, name);
        }
        AtomicInteger uploading = rc.get(UPLOADING);
        if (UPLOADS.contains(method.getName()) && uploading != null && uploading.compareAndSet(OPEN, COUNTED)) {
            metrics.uploadStarted();
        }
    }

    /**
     * Counts {@code bytes} of the request's body as read: the bytes {@link StreamedBody} took from the connection
     * before Vert.x, which Vert.x does not count.
     */
    static void tapped(RoutingContext rc, long bytes) {
        rc.put(TAPPED, bytes);
    }

    private void ended(RoutingContext rc, long start) {
        long nanos = System.nanoTime() - start;
        String operation = rc.get(OPERATION, "unmatched");
        String method = rc.request().method().name();
        int status = rc.response().getStatusCode();
        long tapped = rc.get(TAPPED, 0L);
        long in = rc.request().bytesRead() + tapped;
        long out = rc.response().bytesWritten();
        AtomicInteger uploading = rc.get(UPLOADING);
        if (uploading != null && uploading.getAndSet(ENDED) == COUNTED) {
            metrics.uploadEnded();
        }
        metrics.request(operation, method, status, nanos);
        boolean success = status >= 200 && status < 300;
        if (success && PUSHES.contains(operation)) {
            metrics.pushed(in, tapped);
        } else if (success && PULLS.contains(operation)) {
            metrics.pulled(out);
        } else if (status == 401) {
            metrics.authFailure(rc.request().getHeader("Authorization") == null ? "missing" : "invalid");
        } else if (status == 403) {
            metrics.authFailure("denied");
        }
        if (accessLog) {
            ACCESS.infof("%s %s %d in=%d out=%d %s repository=%s operation=%s user=%s addr=%s", method,
                    rc.request().path(), status, in, out, String.format(Locale.ROOT, "%.1fms", nanos / 1e6),
                    rc.get(REPOSITORY, "-"), operation, user(rc), rc.request().remoteAddress() == null ? "-"
                            : rc.request().remoteAddress().hostAddress());
        }
    }

    private static String user(RoutingContext rc) {
        var caller = AuthFilter.caller(rc);
        return caller.user().orElse("-");
    }
}

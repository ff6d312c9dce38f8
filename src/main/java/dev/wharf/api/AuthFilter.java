package dev.wharf.api;

import dev.wharf.auth.Authenticator;
import dev.wharf.auth.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * htpasswd authentication and access checks for every request but {@code GET /} (the load balancers' probe; health
 * lives outside JAX-RS). In two steps, both before any request body is read:
 * <ol>
 * <li>before routing, so that unknown paths and methods are covered too: the credentials are verified (bcrypt runs
 * on a worker thread, once per credentials and htpasswd version) and a caller without credentials is turned away
 * with 401 unless it is a GET or HEAD and the access rules let anonymous callers pull something;</li>
 * <li>after routing, where the repository name is the one the resource will use: the method's
 * {@link RepositoryAccess} action is checked (401 for anonymous callers, 403 {@code DENIED} for users); methods
 * without one ({@code /v2/}, {@code _catalog}) need a user.</li>
 * </ol>
 * Errors are {@link dev.wharf.error.RegistryException}s, written by {@link RegistryExceptionMapper}.
 */
public class AuthFilter {
    private static final String CALLER = "wharf.caller";
    private static final Uni<Void> PASS = Uni.createFrom().voidItem();

    private final Authenticator authenticator;

    public AuthFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller the filter found; anonymous when authentication is off. */
    static Caller caller(RoutingContext rc) {
        Caller caller = rc.get(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> authenticate(RoutingContext rc) {
        if (!authenticator.enabled() || isOpen(rc)) {
            return PASS;
        }
        String authorization = rc.request().getHeader("Authorization");
        Optional<Caller> known = authenticator.authenticateCheaply(authorization);
        if (known.isPresent()) {
            return admit(rc, known.get());
        }
        return Uni.createFrom().completionStage(() -> rc.vertx()
                        .executeBlocking(() -> authenticator.authenticate(authorization), false).toCompletionStage())
                .onItem().transformToUni(caller -> admit(rc, caller));
    }

    @ServerRequestFilter
    public void authorize(ContainerRequestContext request, ResourceInfo resource, RoutingContext rc) {
        if (!authenticator.enabled() || isOpen(rc)) {
            return;
        }
        Caller caller = caller(rc);
        Method method = resource.getResourceMethod();
        RepositoryAccess access = method == null ? null : method.getAnnotation(RepositoryAccess.class);
        if (access == null) {
            authenticator.requireUser(caller);
        } else {
            String name = request.getUriInfo().getPathParameters().getFirst("name");
            authenticator.authorize(caller, name == null ? "" : name, access.value());
        }
    }

    private Uni<Void> admit(RoutingContext rc, Caller caller) {
        if (caller.anonymous()) {
            HttpMethod method = rc.request().method();
            boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
            if (!read || !authenticator.anonymousMayPull()) {
                return Uni.createFrom().failure(authenticator.unauthorized(null));
            }
        }
        rc.put(CALLER, caller);
        return PASS;
    }

    /** {@code GET}/{@code HEAD /}: always answered, as registry:2 does, for load balancers. */
    private static boolean isOpen(RoutingContext rc) {
        String path = rc.request().path();
        return "/".equals(path) || path.isEmpty();
    }
}

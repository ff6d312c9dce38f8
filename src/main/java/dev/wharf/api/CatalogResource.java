package dev.wharf.api;

import dev.wharf.auth.Action;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.Caller;
import dev.wharf.store.CatalogStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v2/_catalog}: repositories in path order (as distribution: {@code a/b} before {@code a-b}), {@value #DEFAULT_PAGE} per page unless {@code n} says
 * otherwise (at most {@value #MAX_PAGE}, as distribution's {@code catalog.maxentries}), continued with {@code last}.
 */
@Path("/v2")
public class CatalogResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final CatalogStore catalog;

    private final Authenticator authenticator;

    public CatalogResource(CatalogStore catalog, Authenticator authenticator) {
        this.catalog = catalog;
        this.authenticator = authenticator;
    }

    @RegisterForReflection
    public record Catalog(List<String> repositories) {
    }

    @GET
    @Path("_catalog")
    public Response listRepositories(@QueryParam("n") String n, @QueryParam("last") String last,
                                     @Context RoutingContext rc) throws IOException {
        int limit = Pagination.parseLimit(n, MAX_PAGE).orElse(DEFAULT_PAGE);
        Caller caller = AuthFilter.caller(rc);
        List<String> page = authenticator.pullsEverything(caller) ? catalog.listRepositories(last, limit + 1)
                : pullable(caller, last, limit + 1);
        boolean more = page.size() > limit;
        List<String> shown = more ? page.subList(0, limit) : page;
        Response.ResponseBuilder builder = Response.ok(new Catalog(List.copyOf(shown)), MediaType.APPLICATION_JSON_TYPE);
        if (more && limit > 0) {
            builder.header("Link", Pagination.nextLink("/v2/_catalog", shown.get(shown.size() - 1), limit));
        }
        return builder.build();
    }

    /** Up to {@code count} repositories after {@code last} that the caller may pull, in catalog order. */
    private List<String> pullable(Caller caller, String last, int count) throws IOException {
        List<String> shown = new ArrayList<>();
        String cursor = last;
        while (shown.size() < count) {
            List<String> batch = catalog.listRepositories(cursor, count);
            for (String repository : batch) {
                if (shown.size() < count && authenticator.allows(caller, repository, Action.PULL)) {
                    shown.add(repository);
                }
            }
            if (batch.size() < count) {
                break;
            }
            cursor = batch.get(batch.size() - 1);
        }
        return shown;
    }
}

package dev.wharf.api;

import dev.wharf.store.CatalogStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
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

    public CatalogResource(CatalogStore catalog) {
        this.catalog = catalog;
    }

    public record Catalog(List<String> repositories) {
    }

    @GET
    @Path("_catalog")
    public Response listRepositories(@QueryParam("n") String n, @QueryParam("last") String last) throws IOException {
        int limit = Pagination.parseLimit(n, MAX_PAGE).orElse(DEFAULT_PAGE);
        List<String> page = catalog.listRepositories(last, limit + 1);
        boolean more = page.size() > limit;
        List<String> shown = more ? page.subList(0, limit) : page;
        Response.ResponseBuilder builder = Response.ok(new Catalog(List.copyOf(shown)), MediaType.APPLICATION_JSON_TYPE);
        if (more && limit > 0) {
            builder.header("Link", Pagination.nextLink("/v2/_catalog", shown.get(shown.size() - 1), limit));
        }
        return builder.build();
    }
}

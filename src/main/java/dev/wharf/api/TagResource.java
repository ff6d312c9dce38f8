package dev.wharf.api;

import dev.wharf.auth.Action;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.TagStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/** {@code GET /v2/<name>/tags/list}: tags in lexical order, paginated by {@code n} and {@code last}. */
@Path("/v2")
public class TagResource {
    /** Largest page a client may ask for (distribution v3's {@code tags.maxtags} default is lower; this is generous). */
    static final int MAX_PAGE = 100_000;

    private final TagStore tags;

    public TagResource(TagStore tags) {
        this.tags = tags;
    }

    @RegisterForReflection
    public record TagList(String name, List<String> tags) {
    }

    @GET
    @Path(Routes.TAGS)
    @RepositoryAccess(Action.PULL)
    public Response listTags(@PathParam("name") String name, @QueryParam("n") String n,
                             @QueryParam("last") String last) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        OptionalInt limit = Pagination.parseLimit(n, MAX_PAGE);
        List<String> remaining = Pagination.after(tags.listTags(repository), last);
        List<String> page = limit.isPresent() && remaining.size() > limit.getAsInt()
                ? remaining.subList(0, limit.getAsInt()) : remaining;
        Response.ResponseBuilder builder = Response.ok(new TagList(repository.value(), List.copyOf(page)),
                MediaType.APPLICATION_JSON_TYPE);
        if (limit.isPresent() && limit.getAsInt() > 0 && remaining.size() > page.size()) {
            builder.header("Link", Pagination.nextLink("/v2/" + repository.value() + "/tags/list",
                    page.get(page.size() - 1), limit.getAsInt()));
        }
        return builder.build();
    }
}

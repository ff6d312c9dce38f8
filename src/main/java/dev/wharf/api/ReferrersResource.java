package dev.wharf.api;

import dev.wharf.auth.Action;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.model.Descriptor;
import dev.wharf.model.Digest;
import dev.wharf.model.MediaTypes;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.ReferrersStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v2/<name>/referrers/<digest>}: an image index of the manifests whose subject is the digest. */
@Path("/v2")
public class ReferrersResource {
    private final ReferrersStore referrers;

    public ReferrersResource(ReferrersStore referrers) {
        this.referrers = referrers;
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @RegisterForReflection
    public record Entry(String mediaType, String digest, long size, String artifactType,
                        Map<String, String> annotations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Index(int schemaVersion, String mediaType, List<Entry> manifests) {
    }

    @GET
    @Path(Routes.REFERRERS)
    @RepositoryAccess(Action.PULL)
    public Response listReferrers(@PathParam("name") String name, @PathParam("digest") String digest,
                                  @QueryParam("artifactType") String artifactType) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        Digest subject = Digest.parse(digest);
        Optional<String> filter = Optional.ofNullable(artifactType).filter(t -> !t.isBlank());
        List<Entry> entries = referrers.listReferrers(repository, subject, filter).stream()
                .map(ReferrersResource::entry).toList();
        Response.ResponseBuilder builder = Response.ok(new Index(2, MediaTypes.OCI_INDEX, entries), MediaTypes.OCI_INDEX);
        filter.ifPresent(t -> builder.header("OCI-Filters-Applied", "artifactType"));
        return builder.build();
    }

    private static Entry entry(Descriptor d) {
        return new Entry(d.mediaType(), d.digest().toString(), d.size(), d.artifactType(), d.annotations());
    }
}

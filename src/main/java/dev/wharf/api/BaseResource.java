package dev.wharf.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v2/}: the API version check every client starts with. It answers {@code {}} whatever the
 * {@code Accept} header says, as registry:2 does (no 406 for a browser or a client with a manifest-only Accept).
 */
@Path("/v2")
public class BaseResource {

    @GET
    @Path("/")
    public Response base() {
        return Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build();
    }
}

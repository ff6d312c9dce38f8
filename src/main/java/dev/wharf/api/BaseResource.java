package dev.wharf.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v2/}: the API version check every client starts with. */
@Path("/v2")
public class BaseResource {

    @GET
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public String base() {
        return "{}";
    }
}

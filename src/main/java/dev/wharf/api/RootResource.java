package dev.wharf.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /}: always 200, as {@code registry:2} answers it; load balancers and tutorials probe it. */
@Path("/")
public class RootResource {

    @GET
    public Response root() {
        return Response.ok().build();
    }

    @HEAD
    public Response headRoot() {
        return Response.ok().build();
    }
}

package dev.wharf.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/v2")
public class BaseResource {
    @GET
    @Path("/")
    public String base() {
        return "{}";
    }
}

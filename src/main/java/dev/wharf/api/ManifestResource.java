package dev.wharf.api;

import dev.wharf.auth.Action;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Descriptor;
import dev.wharf.model.MediaTypes;
import dev.wharf.model.Reference;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.ManifestStore;
import dev.wharf.store.StoredManifest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** {@code /v2/<name>/manifests/<reference>}: GET, HEAD, PUT and DELETE by tag or digest. */
@Path("/v2")
public class ManifestResource {
    private final ManifestStore manifests;
    private final Locations locations;
    private final DeletionPolicy deletion;

    public ManifestResource(ManifestStore manifests, Locations locations, DeletionPolicy deletion) {
        this.manifests = manifests;
        this.locations = locations;
        this.deletion = deletion;
    }

    @GET
    @Path(Routes.MANIFEST)
    @RepositoryAccess(Action.PULL)
    public Response getManifest(@PathParam("name") String name, @PathParam("reference") String reference,
                                @Context HttpHeaders headers) throws IOException {
        StoredManifest manifest = negotiate(name, reference, headers);
        return manifestHeaders(manifest).entity(manifest.bytes()).build();
    }

    @HEAD
    @Path(Routes.MANIFEST)
    @RepositoryAccess(Action.PULL)
    public Response headManifest(@PathParam("name") String name, @PathParam("reference") String reference,
                                 @Context HttpHeaders headers) throws IOException {
        StoredManifest manifest = negotiate(name, reference, headers);
        return manifestHeaders(manifest).header("Content-Length", manifest.bytes().length).build();
    }

    @PUT
    @Path(Routes.MANIFEST)
    @RepositoryAccess(Action.PUSH)
    public Response putManifest(@PathParam("name") String name, @PathParam("reference") String reference,
                                @HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Length") String contentLength, InputStream body,
                                @Context HttpServerRequest request) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        Reference ref = Reference.parse(reference);
        byte[] bytes = ManifestBody.read(body, UploadHeaders.contentLength(contentLength));
        StoredManifest stored = manifests.putManifest(repository, ref, bytes, contentType);
        Response.ResponseBuilder builder = Response.status(201)
                .header("Location", locations.manifest(request, repository, stored.digest()))
                .header(Routes.CONTENT_DIGEST, stored.digest().toString())
                .header("Content-Length", 0);
        stored.parsed().subject().ifPresent(subject -> builder.header("OCI-Subject", subject.digest().toString()));
        return builder.build();
    }

    @DELETE
    @Path(Routes.MANIFEST)
    @RepositoryAccess(Action.DELETE)
    public Response deleteManifest(@PathParam("name") String name, @PathParam("reference") String reference)
            throws IOException {
        deletion.requireEnabled();
        manifests.deleteManifest(RepositoryName.parse(name), Reference.parse(reference));
        return Response.accepted().header("Content-Length", 0).build();
    }

    private StoredManifest negotiate(String name, String reference, HttpHeaders headers) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        Reference ref = Reference.parse(reference);
        StoredManifest manifest = manifests.getManifest(repository, ref);
        ManifestNegotiation negotiation = new ManifestNegotiation(headers.getRequestHeader(HttpHeaders.ACCEPT));
        if (ref instanceof Reference.ByTag && MediaTypes.DOCKER_MANIFEST_LIST.equals(manifest.mediaType())
                && !negotiation.accepts(MediaTypes.DOCKER_MANIFEST_LIST)) {
            return defaultPlatform(repository, manifest).orElseThrow(() -> new RegistryException(
                    ErrorCode.MANIFEST_UNKNOWN, "manifest list has no linux/amd64 image for a client without list support"));
        }
        negotiation.check(manifest);
        return manifest;
    }

    /**
     * What {@code registry:2} serves by tag to clients that do not understand manifest lists: the linux/amd64 image;
     * without one, {@code MANIFEST_UNKNOWN} (as registry:2 does) rather than a list the client cannot read.
     */
    private Optional<StoredManifest> defaultPlatform(RepositoryName repository, StoredManifest list) throws IOException {
        for (Descriptor child : list.parsed().manifests()) {
            Descriptor.Platform platform = child.platform();
            if (platform != null && "linux".equals(platform.os()) && "amd64".equals(platform.architecture())
                    && manifests.hasManifest(repository, child.digest())) {
                return manifests.load(child.digest());
            }
        }
        return Optional.empty();
    }

    private static Response.ResponseBuilder manifestHeaders(StoredManifest manifest) {
        return Response.ok()
                .type(manifest.mediaType())
                .header(Routes.CONTENT_DIGEST, manifest.digest().toString())
                .header("ETag", "\"" + manifest.digest() + "\"");
    }
}

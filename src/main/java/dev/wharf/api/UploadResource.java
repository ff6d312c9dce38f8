package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import dev.wharf.store.UploadStatus;
import dev.wharf.store.UploadStore;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (session, single-request upload with {@code ?digest=}, or
 * cross-repository mount with {@code ?mount=&from=}), then {@code PATCH}, {@code PUT ?digest=}, {@code GET} (status)
 * and {@code DELETE} (cancel) on the session's Location.
 */
@Path("/v2")
public class UploadResource {
    private final UploadStore uploads;
    private final Locations locations;

    public UploadResource(UploadStore uploads, Locations locations) {
        this.uploads = uploads;
        this.locations = locations;
    }

    @POST
    @Path(Routes.UPLOADS)
    public Response startUpload(@PathParam("name") String name, @QueryParam("digest") String digest,
                                @QueryParam("mount") String mount, @QueryParam("from") String from,
                                @HeaderParam("Content-Length") String contentLength, InputStream body,
                                @Context HttpServerRequest request) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        if (mount != null) {
            Digest mounted = Digest.parse(mount);
            Optional<RepositoryName> source = from == null ? Optional.empty() : Optional.of(RepositoryName.parse(from));
            if (uploads.mountBlob(repository, mounted, source)) {
                return blobCreated(request, repository, mounted);
            }
        } else if (digest != null) {
            Digest expected = Digest.parse(digest);
            uploads.putBlob(repository, expected, UploadHeaders.contentLength(contentLength), body);
            return blobCreated(request, repository, expected);
        }
        return sessionResponse(Response.accepted(), request, repository, uploads.startUpload(repository));
    }

    @PATCH
    @Path(Routes.UPLOAD)
    public Response patchUpload(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                @HeaderParam("Content-Range") String contentRange,
                                @HeaderParam("Content-Length") String contentLength, InputStream body,
                                @Context HttpServerRequest request) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        UploadId id = new UploadId(uuid);
        UploadStatus status = uploads.patchUpload(repository, id, UploadHeaders.contentRange(contentRange),
                UploadHeaders.contentLength(contentLength), body);
        return sessionResponse(Response.accepted(), request, repository, status);
    }

    @PUT
    @Path(Routes.UPLOAD)
    public Response completeUpload(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                   @QueryParam("digest") String digest,
                                   @HeaderParam("Content-Range") String contentRange,
                                   @HeaderParam("Content-Length") String contentLength, InputStream body,
                                   @Context HttpServerRequest request) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        UploadId id = new UploadId(uuid);
        Digest expected = Digest.parse(digest);
        OptionalLong length = UploadHeaders.contentLength(contentLength);
        uploads.completeUpload(repository, id, expected, UploadHeaders.contentRange(contentRange), length,
                length.isPresent() && length.getAsLong() == 0 ? null : body);
        return blobCreated(request, repository, expected);
    }

    @GET
    @Path(Routes.UPLOAD)
    public Response getUploadStatus(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                    @Context HttpServerRequest request) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        UploadStatus status = uploads.getUploadStatus(repository, new UploadId(uuid));
        return sessionResponse(Response.noContent(), request, repository, status);
    }

    @DELETE
    @Path(Routes.UPLOAD)
    public Response cancelUpload(@PathParam("name") String name, @PathParam("uuid") String uuid) throws IOException {
        uploads.cancelUpload(RepositoryName.parse(name), new UploadId(uuid));
        return Response.noContent().build();
    }

    /**
     * The upload collection itself has no session: {@code GET}/{@code HEAD}/{@code PATCH}/{@code PUT}/{@code DELETE}
     * without an id is an unknown upload (as in registry:2), not a blob named {@code uploads}.
     */
    @GET
    @Path(Routes.UPLOADS)
    public Response getUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @HEAD
    @Path(Routes.UPLOADS)
    public Response headUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @PATCH
    @Path(Routes.UPLOADS)
    public Response patchUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @PUT
    @Path(Routes.UPLOADS)
    public Response putUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @DELETE
    @Path(Routes.UPLOADS)
    public Response deleteUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    private static RegistryException uploadWithoutId(String name) {
        RepositoryName.parse(name);
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload id in the path");
    }

    private Response blobCreated(HttpServerRequest request, RepositoryName repository, Digest digest) {
        return Response.status(201)
                .header("Location", locations.blob(request, repository, digest))
                .header(Routes.CONTENT_DIGEST, digest.toString())
                .header("Content-Length", 0)
                .build();
    }

    private Response sessionResponse(Response.ResponseBuilder builder, HttpServerRequest request,
                                     RepositoryName repository, UploadStatus status) {
        return builder
                .header("Location", locations.upload(request, repository, status.id()))
                .header("Range", "0-" + Math.max(0, status.size() - 1))
                .header(Routes.UPLOAD_UUID, status.id().value())
                .header("Content-Length", 0)
                .build();
    }
}

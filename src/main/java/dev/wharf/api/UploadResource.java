package dev.wharf.api;

import dev.wharf.auth.Action;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.Caller;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import dev.wharf.store.UploadState;
import dev.wharf.store.UploadStore;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
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
 *
 * <p>Uploads are stateless, as in distribution: each Location carries the signed upload state ({@code ?_state=}, see
 * {@link UploadStateCodec}), and the running hash lives in storage, so any replica sharing the storage and
 * {@code REGISTRY_HTTP_SECRET} continues any upload. Every request on a session must present a valid state for it.
 * Checks run in this order: the name ({@code NAME_INVALID}), the id and the session's existence
 * ({@code BLOB_UPLOAD_UNKNOWN}), then the state ({@code BLOB_UPLOAD_INVALID}), then the offset (in the store).
 */
@Path("/v2")
public class UploadResource {
    private static final String STATE = "_state";

    private final UploadStore uploads;
    private final Locations locations;
    private final UploadStateCodec states;

    private final Authenticator authenticator;

    public UploadResource(UploadStore uploads, Locations locations, UploadStateCodec states,
                          Authenticator authenticator) {
        this.uploads = uploads;
        this.locations = locations;
        this.states = states;
        this.authenticator = authenticator;
    }

    @POST
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
    public Response startUpload(@PathParam("name") String name, @QueryParam("digest") String digest,
                                @QueryParam("mount") String mount, @QueryParam("from") String from,
                                @HeaderParam("Content-Length") String contentLength,
                                @Context HttpServerRequest request, @Context RoutingContext rc) throws IOException {
        return withBody(request, rc, body -> startUpload(name, digest, mount, from, contentLength, body, request, rc));
    }

    private Response startUpload(String name, String digest, String mount, String from, String contentLength,
                                 InputStream body, HttpServerRequest request, RoutingContext rc) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        if (mount != null) {
            Digest mounted = Digest.parse(mount);
            Optional<RepositoryName> source = from == null ? Optional.empty() : Optional.of(RepositoryName.parse(from));
            if (mayMount(AuthFilter.caller(rc), from) && uploads.mountBlob(repository, mounted, source)) {
                return blobCreated(request, repository, mounted);
            }
        } else if (digest != null) {
            Digest expected = Digest.parse(digest);
            uploads.putBlob(repository, expected, UploadHeaders.contentLength(contentLength), body);
            return blobCreated(request, repository, expected);
        }
        return sessionResponse(Response.accepted(), request, uploads.startUpload(repository));
    }

    /**
     * A mount reads the source repository, so it needs pull on {@code from}; a mount without {@code from} may take
     * the blob from any repository, so it needs pull on all of them. Otherwise the client gets a plain upload
     * session, as distribution answers a mount it refuses.
     */
    private boolean mayMount(Caller caller, String from) {
        return from == null ? authenticator.pullsEverything(caller)
                : authenticator.allows(caller, from, Action.PULL);
    }

    @PATCH
    @Path(Routes.UPLOAD)
    @RepositoryAccess(Action.PUSH)
    public Response patchUpload(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                @QueryParam(STATE) String state, @HeaderParam("Content-Range") String contentRange,
                                @HeaderParam("Content-Length") String contentLength,
                                @Context HttpServerRequest request, @Context RoutingContext rc) throws IOException {
        UploadState claimed = claimedState(name, uuid, state);
        UploadState patched = withBody(request, rc, body -> uploads.patchUpload(claimed,
                UploadHeaders.contentRange(contentRange), UploadHeaders.contentLength(contentLength), body));
        return sessionResponse(Response.accepted(), request, patched);
    }

    @PUT
    @Path(Routes.UPLOAD)
    @RepositoryAccess(Action.PUSH)
    public Response completeUpload(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                   @QueryParam(STATE) String state, @QueryParam("digest") String digest,
                                   @HeaderParam("Content-Range") String contentRange,
                                   @HeaderParam("Content-Length") String contentLength,
                                   @Context HttpServerRequest request, @Context RoutingContext rc)
            throws IOException {
        UploadState claimed = claimedState(name, uuid, state);
        Digest expected = Digest.parse(digest);
        OptionalLong length = UploadHeaders.contentLength(contentLength);
        withBody(request, rc, body -> uploads.completeUpload(claimed, expected,
                UploadHeaders.contentRange(contentRange), length,
                length.isPresent() && length.getAsLong() == 0 ? null : body));
        return blobCreated(request, claimed.name(), expected);
    }

    @GET
    @Path(Routes.UPLOAD)
    @RepositoryAccess(Action.PUSH)
    public Response getUploadStatus(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                    @QueryParam(STATE) String state, @Context HttpServerRequest request)
            throws IOException {
        UploadState current = uploads.getUploadStatus(claimedState(name, uuid, state));
        return sessionResponse(Response.noContent(), request, current);
    }

    @DELETE
    @Path(Routes.UPLOAD)
    @RepositoryAccess(Action.PUSH)
    public Response cancelUpload(@PathParam("name") String name, @PathParam("uuid") String uuid,
                                 @QueryParam(STATE) String state) throws IOException {
        uploads.cancelUpload(claimedState(name, uuid, state));
        return Response.noContent().build();
    }

    /**
     * The state the request presents, checked against the path. A session that does not exist is
     * {@code BLOB_UPLOAD_UNKNOWN} whatever the state says; that check costs a storage round trip only when the state
     * is refused, since the store checks existence anyway.
     */
    private UploadState claimedState(String name, String uuid, String token) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        UploadId id = new UploadId(uuid);
        try {
            return states.unpack(token, repository, id);
        } catch (RegistryException invalid) {
            uploads.requireSession(repository, id);
            throw invalid;
        }
    }

    /**
     * The upload collection itself has no session: {@code GET}/{@code HEAD}/{@code PATCH}/{@code PUT}/{@code DELETE}
     * without an id is an unknown upload (as in registry:2), not a blob named {@code uploads}.
     */
    @GET
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
    public Response getUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @HEAD
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
    public Response headUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @PATCH
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
    public Response patchUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @PUT
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
    public Response putUploadWithoutId(@PathParam("name") String name) {
        throw uploadWithoutId(name);
    }

    @DELETE
    @Path(Routes.UPLOADS)
    @RepositoryAccess(Action.PUSH)
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

    private Response sessionResponse(Response.ResponseBuilder builder, HttpServerRequest request, UploadState state) {
        return builder
                .header("Location", locations.upload(request, state.name(), state.id(), states.pack(state)))
                .header("Range", "0-" + Math.max(0, state.offset() - 1))
                .header(Routes.UPLOAD_UUID, state.id().value())
                .header("Content-Length", 0)
                .build();
    }

    /** What a request does with its body. */
    private interface BodyUse<T> {
        T apply(InputStream body) throws IOException;
    }

    /**
     * Runs {@code use} with the request's body taken straight from Vert.x ({@link StreamedBody}); whatever of the body
     * it leaves unread (a request refused early) is discarded, so that the connection can carry the next request.
     */
    private static <T> T withBody(HttpServerRequest request, RoutingContext rc, BodyUse<T> use) throws IOException {
        StreamedBody body = StreamedBody.of(request);
        try {
            return use.apply(body);
        } finally {
            body.discardRest();
            RequestObserver.tapped(rc, body.tappedBytes());
        }
    }
}

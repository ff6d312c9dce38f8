package dev.wharf.api;

import dev.wharf.auth.Action;
import dev.wharf.config.RegistryConfig;
import dev.wharf.model.Digest;
import dev.wharf.model.MediaTypes;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.BlobContent;
import dev.wharf.store.BlobStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.PathPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;

/**
 * {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with {@code Range}) and DELETE. Like distribution, a GET of an
 * existing blob answers 307 to the backend's own URL when the driver has one (S3: a presigned URL) unless
 * {@code REGISTRY_STORAGE_REDIRECT_DISABLE} is true. HEAD is always answered here (distribution redirects it too,
 * but the stat already gave the answer, and a redirect would cost the client a round trip).
 */
@Path("/v2")
public class BlobResource {
    private static final int COPY_BUFFER = 256 * 1024;
    private static final long CACHE_SECONDS = 365L * 24 * 60 * 60;

    private final BlobStore blobs;
    private final DeletionPolicy deletion;
    private final boolean redirect;

    public BlobResource(BlobStore blobs, DeletionPolicy deletion, RegistryConfig config) {
        this.blobs = blobs;
        this.deletion = deletion;
        this.redirect = !config.storage().redirect().disable();
    }

    @HEAD
    @Path(Routes.BLOB)
    @RepositoryAccess(Action.PULL)
    public Response headBlob(@PathParam("name") String name, @PathParam("digest") String digest,
                             @HeaderParam("If-None-Match") String ifNoneMatch) throws IOException {
        Digest d = Digest.parse(digest);
        long size = blobs.headBlob(RepositoryName.parse(name), d);
        if (notModified(ifNoneMatch, d)) {
            return cacheable(Response.notModified(), d).build();
        }
        return cacheable(Response.ok(), d).type(MediaTypes.OCTET_STREAM)
                .header("Content-Length", size)
                .header("Accept-Ranges", "bytes")
                .build();
    }

    @GET
    @Path(Routes.BLOB)
    @RepositoryAccess(Action.PULL)
    public Response getBlob(@PathParam("name") String name, @PathParam("digest") String digest,
                            @HeaderParam("Range") String range,
                            @HeaderParam("If-None-Match") String ifNoneMatch) throws IOException {
        RepositoryName repository = RepositoryName.parse(name);
        Digest d = Digest.parse(digest);
        BlobContent content = blobs.getBlob(repository, d);
        if (notModified(ifNoneMatch, d)) {
            return cacheable(Response.notModified(), d).build();
        }
        if (redirect) {
            // the client sends its Range (if any) again to the new location, which honours it
            Optional<URI> location = blobs.redirectUrl(d, "GET");
            if (location.isPresent()) {
                return Response.temporaryRedirect(location.get()).header(Routes.CONTENT_DIGEST, d.toString())
                        .header("Content-Length", 0).build();
            }
        }
        Optional<ByteRange> requested = ByteRange.parse(range, content.size());
        long offset = requested.map(ByteRange::start).orElse(0L);
        long length = requested.map(ByteRange::length).orElse(content.size());
        Response.ResponseBuilder builder = requested.isPresent()
                ? Response.status(206).header("Content-Range", requested.get().contentRange(content.size()))
                : Response.ok();
        cacheable(builder, d).type(MediaTypes.OCTET_STREAM).header("Accept-Ranges", "bytes");
        if (content.file().isPresent()) {
            return builder.entity(new PathPart(content.file().get(), offset, length)).build();
        }
        // opened before answering: data found missing now is BLOB_UNKNOWN, not a response broken after its headers
        InputStream opened = content.open(offset);
        return builder.header("Content-Length", length).entity(stream(opened, length)).build();
    }

    @DELETE
    @Path(Routes.BLOB)
    @RepositoryAccess(Action.DELETE)
    public Response deleteBlob(@PathParam("name") String name, @PathParam("digest") String digest) throws IOException {
        deletion.requireEnabled();
        RepositoryName repository = RepositoryName.parse(name);
        Digest d = Digest.parse(digest);
        blobs.deleteBlob(repository, d);
        return Response.accepted().header("Content-Length", 0).build();
    }

    /**
     * Content addressed by digest never changes: like registry:2, the digest is the entity tag and caches may keep
     * the blob for a year.
     */
    private static Response.ResponseBuilder cacheable(Response.ResponseBuilder builder, Digest digest) {
        return builder.header(Routes.CONTENT_DIGEST, digest.toString())
                .header("ETag", "\"" + digest + "\"")
                .header("Cache-Control", "max-age=" + CACHE_SECONDS);
    }

    /** {@code If-None-Match} naming this blob's entity tag (or {@code *}): the client already holds these bytes. */
    private static boolean notModified(String ifNoneMatch, Digest digest) {
        if (ifNoneMatch == null) {
            return false;
        }
        String etag = "\"" + digest + "\"";
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static StreamingOutput stream(InputStream opened, long length) {
        return (OutputStream out) -> {
            byte[] buffer = new byte[COPY_BUFFER];
            long remaining = length;
            try (InputStream in = opened) {
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new IOException("blob ended early");
                    }
                    out.write(buffer, 0, n);
                    remaining -= n;
                }
            }
        };
    }
}

package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place error responses are written: the status comes from the {@link ErrorCode}, the body is the spec's
 * JSON (none for HEAD). Anything unexpected is a 500 {@code UNKNOWN}, logged once with its cause.
 */
public class RegistryExceptionMapper {
    private static final Logger LOG = Logger.getLogger(RegistryExceptionMapper.class);

    @ServerExceptionMapper
    public Response mapRegistryException(RegistryException e, HttpServerRequest request) {
        Response.ResponseBuilder builder = respond(e.errorCode(), e.detail(), request);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response mapNotFound(NotFoundException e, HttpServerRequest request) {
        return respond(ErrorCode.NOT_FOUND, request.path(), request).build();
    }

    @ServerExceptionMapper
    public Response mapNotAllowed(NotAllowedException e, HttpServerRequest request) {
        return respond(ErrorCode.UNSUPPORTED, request.method() + " is not supported here", request).build();
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return mapUnexpected(e, request);
        }
        ErrorCode code = status == 413 ? ErrorCode.SIZE_INVALID : ErrorCode.UNSUPPORTED;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(request.method() == HttpMethod.HEAD ? null : ErrorBody.of(code, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s failed", request.method(), request.path());
        return respond(ErrorCode.UNKNOWN, null, request).build();
    }

    private static Response.ResponseBuilder respond(ErrorCode code, Object detail, HttpServerRequest request) {
        Response.ResponseBuilder builder = Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE);
        if (request.method() != HttpMethod.HEAD) {
            builder.entity(ErrorBody.of(code, detail));
        }
        return builder;
    }
}

package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.config.ResponseHeaders;
import dev.wharf.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * Vert.x-level routes around the JAX-RS resources: the {@code Docker-Distribution-API-Version} header and the
 * operator's {@code REGISTRY_HTTP_HEADERS} on every {@code /v2} answer (errors and unknown paths included), no
 * {@code Content-Type} that Quarkus REST could not parse, a bare 4xx (not a logged error) for requests Vert.x Web
 * refuses before routing, and the spec's JSON 404 for paths no resource serves (or with a {@code ;}).
 */
@Singleton
public class ApiRoutes {
    private final Map<String, List<String>> headers;

    public ApiRoutes(RegistryConfig config) {
        this.headers = ResponseHeaders.of(config.http().headers());
    }

    void install(@Observes Router router) {
        router.route("/v2*").order(-1000).handler(rc -> {
            rc.response().putHeader(Routes.API_VERSION_HEADER, Routes.API_VERSION);
            headers.forEach((name, values) -> values.forEach(value -> rc.response().headers().add(name, value)));
            dropUnparsableContentType(rc.request());
            if (rc.request().path().indexOf(';') >= 0) {
                notFound(rc);
                return;
            }
            rc.next();
        });
        router.route("/v2*").order(-1000).failureHandler(ApiRoutes::refuseMalformedRequest);
        router.route("/v2*").last().handler(rc -> {
            if (!rc.response().ended()) {
                notFound(rc);
            }
        });
    }

    /**
     * The spec's JSON 404 for a path no endpoint serves. A raw {@code ;} anywhere in the path is one too: no name,
     * tag, digest or upload id holds it, and Quarkus REST would cut the segment there (JAX-RS matrix parameters),
     * serving {@code /v2/a;x=1/manifests/t;y} as {@code a:t} where a proxy in front sees other names. registry:2's
     * routes do not match it either (404).
     */
    private static void notFound(RoutingContext rc) {
        ErrorCode code = ErrorCode.NOT_FOUND;
        rc.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json");
        if (rc.request().method() == HttpMethod.HEAD) {
            rc.response().end();
        } else {
            rc.response().end(Json.encode(ErrorBody.of(code, rc.request().path())));
        }
    }

    /**
     * A request Vert.x Web refuses before any route runs (an HTTP/1.1 request without {@code Host}) is a client's
     * malformed HTTP, answered like the HTTP decoder's refusals: its 4xx, no body. Quarkus' default handler would log
     * it as an error with a stack trace (and show the trace in dev mode). Other failures go on to that handler.
     */
    private static void refuseMalformedRequest(RoutingContext rc) {
        int status = rc.statusCode();
        if (status < 400 || status >= 500 || rc.response().ended()) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(status).putHeader(Routes.API_VERSION_HEADER, Routes.API_VERSION).end();
    }

    /**
     * A {@code Content-Type} that is no media type ({@code /}, {@code a}, {@code a/b/c}) would make Quarkus REST
     * refuse the request with a bare 400 before any resource runs. No endpoint needs such a value (a manifest's type
     * then comes from its body, as when none is sent; registry:2 ignores it on uploads), so it is dropped
     * (Quarkus REST reads the headers of the Vert.x request, so it no longer sees it).
     */
    private static void dropUnparsableContentType(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        try {
            MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            request.headers().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}

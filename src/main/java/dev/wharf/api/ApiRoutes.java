package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Vert.x-level routes around the JAX-RS resources: the {@code Docker-Distribution-API-Version} header on every
 * {@code /v2} answer (errors and unknown paths included), and the spec's JSON 404 for paths no resource serves.
 */
@Singleton
public class ApiRoutes {

    void install(@Observes Router router) {
        router.route("/v2*").order(-1000).handler(rc -> {
            rc.response().putHeader(Routes.API_VERSION_HEADER, Routes.API_VERSION);
            rc.next();
        });
        router.route("/v2*").last().handler(rc -> {
            if (rc.response().ended()) {
                return;
            }
            ErrorCode code = ErrorCode.NOT_FOUND;
            rc.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json");
            if (rc.request().method() == HttpMethod.HEAD) {
                rc.response().end();
            } else {
                rc.response().end(Json.encode(ErrorBody.of(code, rc.request().path())));
            }
        });
    }
}

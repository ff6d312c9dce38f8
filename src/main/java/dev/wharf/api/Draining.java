package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown, with Quarkus' {@code quarkus.shutdown.timeout} (derived from {@code REGISTRY_HTTP_DRAINTIMEOUT}):
 * from the {@code SIGTERM} on, requests in flight go on until they end or the drain timeout passes, and a new
 * {@code /v2} request is refused with 503 {@code UNAVAILABLE} and {@code Connection: close}, so that clients go to
 * another replica instead of starting work (an upload) that the end of the drain would cut. Quarkus alone would
 * still serve them. Readiness reports DOWN meanwhile (SmallRye Health).
 */
@Singleton
public class Draining {
    private static final Logger LOG = Logger.getLogger(Draining.class);

    private volatile boolean draining;

    void watch(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            draining = true;
            LOG.info("shutting down: new requests are refused, requests in flight may finish");
        }, "wharf-drain"));
    }

    void install(@Observes Router router) {
        router.route("/v2*").order(-999).handler(rc -> {
            if (!draining) {
                rc.next();
                return;
            }
            ErrorCode code = ErrorCode.UNAVAILABLE;
            rc.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close").putHeader("Retry-After", "1");
            if (rc.request().method() == HttpMethod.HEAD) {
                rc.response().end();
            } else {
                rc.response().end(Json.encode(ErrorBody.of(code, "the registry is shutting down")));
            }
        });
    }
}

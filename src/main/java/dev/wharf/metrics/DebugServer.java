package dev.wharf.metrics;

import dev.wharf.config.RegistryAddress;
import dev.wharf.config.RegistryConfig;
import dev.wharf.storage.StorageDriver;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * registry:2's debug server on {@code REGISTRY_HTTP_DEBUG_ADDR}: {@code /debug/health} (200 {@code {}} while the
 * storage answers its health check, else 503 with the failure under {@code storagedriver_<name>}, as distribution
 * reports it) and, with {@code REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED}, the Prometheus metrics at
 * {@code REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH}. The same metrics are always at {@code /q/metrics} on the main port.
 */
@Singleton
public class DebugServer {
    private static final Logger LOG = Logger.getLogger(DebugServer.class);

    private final RegistryConfig.Http.Debug config;
    private final StorageDriver storage;
    private final PrometheusMeterRegistry prometheus;
    private HttpServer server;

    public DebugServer(RegistryConfig config, StorageDriver storage, PrometheusMeterRegistry prometheus) {
        this.config = config.http().debug();
        this.storage = storage;
        this.prometheus = prometheus;
    }

    void start(@Observes StartupEvent event, Vertx vertx) throws Exception {
        if (config.addr().isEmpty()) {
            return;
        }
        RegistryAddress address = RegistryAddress.parse(config.addr().get()).orElseThrow();
        server = vertx.createHttpServer().requestHandler(request -> answer(vertx, request));
        server.listen(address.port(), address.host()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("debug server on %s: /debug/health%s", config.addr().get(),
                config.prometheus().enabled() ? ", " + config.prometheus().path() : "");
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    private void answer(Vertx vertx, HttpServerRequest request) {
        String path = request.path();
        if ("/debug/health".equals(path)) {
            vertx.executeBlocking(() -> {
                try {
                    storage.checkHealth();
                    return null;
                } catch (Exception e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }, false).onComplete(result -> {
                String failure = result.succeeded() ? result.result() : String.valueOf(result.cause());
                JsonObject body = new JsonObject();
                if (failure != null) {
                    body.put("storagedriver_" + storage.name(), failure);
                }
                request.response().setStatusCode(failure == null ? 200 : 503)
                        .putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
            });
        } else if (config.prometheus().enabled() && config.prometheus().path().equals(path)) {
            vertx.executeBlocking(() -> prometheus.scrape(), false).onComplete(result -> request.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(result.succeeded() ? result.result() : ""));
        } else {
            request.response().setStatusCode(404).end();
        }
    }
}

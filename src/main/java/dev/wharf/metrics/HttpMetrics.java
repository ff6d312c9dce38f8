package dev.wharf.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request metrics under distribution's names and labels, so that registry:2 dashboards keep working:
 * {@code registry_http_requests_total{handler,method,code}} and the histogram
 * {@code registry_http_request_duration_seconds{handler,method}}, where the handler is the operation's name from the
 * spec ({@code getBlob}, {@code patchUpload}, …; {@code unmatched} for requests no operation took). Wharf's own:
 * {@code wharf_pushed_bytes_total} and {@code wharf_pulled_bytes_total} (request bodies of successful uploads and
 * manifest pushes, response bodies of blob and manifest GETs), {@code wharf_pushed_tapped_bytes_total} (of the
 * pushed bytes, those an upload took from the connection's own buffers: see {@code BodyTap}),
 * {@code wharf_uploads_in_flight} (upload requests
 * streaming now) and {@code wharf_auth_failures_total{reason}} ({@code missing} or {@code invalid} credentials, or
 * access {@code denied}).
 */
@Singleton
public class HttpMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> authFailures = new ConcurrentHashMap<>();
    private final Counter pushed;
    private final Counter pushedTapped;
    private final Counter pulled;
    private final AtomicInteger uploadsInFlight = new AtomicInteger();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pushed = Counter.builder("wharf.pushed").baseUnit("bytes")
                .description("Bytes received in successful uploads and manifest pushes").register(registry);
        this.pushedTapped = Counter.builder("wharf.pushed.tapped").baseUnit("bytes")
                .description("Of the pushed bytes, those written from the connection's own buffers, not copied by the"
                        + " HTTP server").register(registry);
        this.pulled = Counter.builder("wharf.pulled").baseUnit("bytes")
                .description("Bytes sent in blob and manifest GETs").register(registry);
        Gauge.builder("wharf.uploads.in.flight", uploadsInFlight, AtomicInteger::get)
                .description("Upload requests (POST, PATCH, PUT of blob data) being received").register(registry);
    }

    /** One request answered: its operation ({@code handler}), HTTP method, status and duration. */
    public void request(String handler, String method, int code, long nanos) {
        requests.computeIfAbsent(handler + ' ' + method + ' ' + code, key -> Counter.builder("registry.http.requests")
                .description("Requests by operation, method and status").tags("handler", handler, "method", method,
                        "code", Integer.toString(code)).register(registry)).increment();
        durations.computeIfAbsent(handler + ' ' + method, key -> Timer.builder("registry.http.request.duration")
                .description("Request latency by operation").tags("handler", handler, "method", method)
                .serviceLevelObjectives(BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A successful push's request body: {@code bytes}, of which {@code tapped} were taken from Netty's buffers. */
    public void pushed(long bytes, long tapped) {
        pushed.increment(bytes);
        pushedTapped.increment(tapped);
    }

    public void pulled(long bytes) {
        pulled.increment(bytes);
    }

    public void uploadStarted() {
        uploadsInFlight.incrementAndGet();
    }

    public void uploadEnded() {
        uploadsInFlight.decrementAndGet();
    }

    /** A request refused for want of credentials ({@code missing}, {@code invalid}) or of permission ({@code denied}). */
    public void authFailure(String reason) {
        authFailures.computeIfAbsent(reason, r -> Counter.builder("wharf.auth.failures")
                .description("Requests refused by authentication or authorization").tags("reason", r)
                .register(registry)).increment();
    }
}

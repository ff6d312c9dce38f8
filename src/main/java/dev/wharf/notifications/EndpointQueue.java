package dev.wharf.notifications;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One endpoint's delivery, as distribution's {@code Endpoint} (event queue → retrying sink with a breaker → HTTP
 * sink): events are queued in memory and POSTed one per envelope, in order, by one thread. A 2xx or 3xx answer
 * delivers the event; otherwise it is retried, at once until {@code threshold} consecutive failures, then every
 * {@code backoff}, until delivered. {@link #offer} never blocks; a full queue drops its oldest event.
 */
public final class EndpointQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EndpointQueue.class);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final EndpointSettings settings;
    private final BoundedQueue<Event> queue;
    private final HttpClient client;
    private final Thread sender;
    private volatile boolean stopping;
    private int failures;

    public EndpointQueue(EndpointSettings settings) {
        this.settings = settings;
        this.queue = new BoundedQueue<>(settings.capacity());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        settings.headers().keySet().stream().filter(name -> RESTRICTED.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> LOG.warnf("notification endpoint %s: header %s is set by the HTTP client, ignored",
                        settings.name(), name));
        try {
            request(new byte[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notification endpoint " + settings.name() + ": " + e.getMessage(), e);
        }
        this.sender = new Thread(this::run, "wharf-notify-" + settings.name());
        sender.setDaemon(true);
        sender.start();
    }

    public EndpointSettings settings() {
        return settings;
    }

    /** Queues the event unless the endpoint ignores it; never blocks. */
    public void offer(Event event) {
        if (settings.wants(event) && queue.add(event)) {
            long dropped = queue.dropped();
            if (dropped == 1 || dropped % 1000 == 0) {
                LOG.warnf("notification endpoint %s: queue full (%d events), dropping the oldest (%d so far)",
                        settings.name(), settings.capacity(), dropped);
            }
        }
    }

    /** Events waiting to be delivered. */
    public int pending() {
        return queue.size();
    }

    /**
     * Stops taking events and delivers what is queued for at most {@code grace}; what is still undelivered then is
     * dropped and counted in the log.
     */
    public void close(Duration grace) {
        queue.close();
        try {
            sender.join(Math.max(1, grace.toMillis()));
            if (sender.isAlive()) {
                stopping = true;
                sender.interrupt();
                sender.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            LOG.warnf("notification endpoint %s: %d undelivered events dropped at shutdown", settings.name(), left);
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void run() {
        try {
            for (Event event = queue.take(); event != null && !stopping; event = queue.take()) {
                try {
                    deliver(event);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "notification endpoint %s: event %s dropped", settings.name(), event.id());
                }
            }
        } catch (InterruptedException e) {
            // shutting down
        }
    }

    /** Sends until delivered or shutting down; throws InterruptedException when stopped while waiting. */
    private void deliver(Event event) throws InterruptedException {
        HttpRequest request = request(new Envelope(List.of(event)).toJson());
        while (!stopping) {
            if (failures >= settings.threshold()) {
                Thread.sleep(settings.backoff().toMillis());
            }
            String problem;
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 400) {
                    if (failures > 0) {
                        LOG.infof("notification endpoint %s: delivering again after %d failures", settings.name(),
                                failures);
                    }
                    failures = 0;
                    return;
                }
                problem = "status " + status;
            } catch (IOException e) {
                problem = e.toString();
            }
            failures++;
            if (failures == 1 || failures == settings.threshold()) {
                LOG.warnf("notification endpoint %s (%s): %s; retrying%s", settings.name(), settings.url(), problem,
                        failures >= settings.threshold() ? " every " + settings.backoff().toMillis() + "ms" : "");
            } else {
                LOG.debugf("notification endpoint %s: %s (%d consecutive failures)", settings.name(), problem,
                        failures);
            }
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", Envelope.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }
}

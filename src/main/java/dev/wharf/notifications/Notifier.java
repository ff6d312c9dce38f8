package dev.wharf.notifications;

import dev.wharf.config.NotificationsConfig;
import dev.wharf.config.RegistryAddress;
import dev.wharf.config.RegistryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The registry's notifications ({@code REGISTRY_NOTIFICATIONS_*}): requests {@link #publish} events, which a
 * dispatcher thread completes (sizes and media types may need a storage read, kept off the request) and hands to each
 * enabled endpoint's {@link EndpointQueue}. Publishing is O(1) and never blocks or fails the request.
 */
@Singleton
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final int DISPATCH_CAPACITY = 10_000;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

    private final List<EndpointQueue> endpoints = new ArrayList<>();
    private final boolean includeReferences;
    private final Event.Source source;
    private final BoundedQueue<Supplier<Event>> pending = new BoundedQueue<>(DISPATCH_CAPACITY);
    private final Thread dispatcher;

    public Notifier(RegistryConfig config) {
        this.includeReferences = config.notifications().events().includereferences();
        List<NotificationsConfig.Endpoint> configured = config.notifications().endpoints();
        for (int i = 0; i < configured.size(); i++) {
            NotificationsConfig.Endpoint endpoint = configured.get(i);
            EndpointSettings settings = EndpointSettings.of(i, endpoint);
            if (endpoint.disabled()) {
                LOG.infof("notification endpoint %s (%s) is disabled", settings.name(), settings.url());
                continue;
            }
            endpoints.add(new EndpointQueue(settings));
            LOG.infof("configuring notification endpoint %s (%s), timeout=%dms, threshold=%d, backoff=%dms, headers=%s",
                    settings.name(), settings.url(), settings.timeout().toMillis(), settings.threshold(),
                    settings.backoff().toMillis(), settings.headers().keySet());
        }
        int port = RegistryAddress.parse(config.http().addr()).map(RegistryAddress::port).orElse(5000);
        this.source = new Event.Source(endpoints.isEmpty() ? null : hostname() + ":" + port,
                UUID.randomUUID().toString());
        this.dispatcher = new Thread(this::dispatch, "wharf-notify-dispatch");
        dispatcher.setDaemon(true);
        if (!endpoints.isEmpty()) {
            dispatcher.start();
        }
    }

    /** True when some endpoint listens: otherwise requests need not build events at all. */
    public boolean enabled() {
        return !endpoints.isEmpty();
    }

    /** {@code notifications.events.includereferences}. */
    public boolean includeReferences() {
        return includeReferences;
    }

    /** This registry instance, as events name it. */
    public Event.Source source() {
        return source;
    }

    /**
     * Queues an event for every endpoint. The supplier runs later on the dispatcher thread; when it throws, the event
     * is logged and dropped.
     */
    public void publish(Supplier<Event> event) {
        if (enabled() && pending.add(event)) {
            LOG.warnf("notifications: %d events waiting to be dispatched, dropped the oldest", DISPATCH_CAPACITY);
        }
    }

    /** Endpoint queues, for tests and monitoring. */
    List<EndpointQueue> endpoints() {
        return List.copyOf(endpoints);
    }

    void start(@Observes StartupEvent startup) {
        // created at startup, so that a bad endpoint stops it
    }

    void stop(@Observes ShutdownEvent shutdown) {
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        pending.close();
        try {
            dispatcher.join(SHUTDOWN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EndpointQueue endpoint : endpoints) {
            endpoint.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    private void dispatch() {
        try {
            for (Supplier<Event> next = pending.take(); next != null; next = pending.take()) {
                Event event;
                try {
                    event = next.get();
                } catch (RuntimeException e) {
                    LOG.warnf("notifications: an event could not be built and is dropped: %s", e.toString());
                    continue;
                }
                endpoints.forEach(endpoint -> endpoint.offer(event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}

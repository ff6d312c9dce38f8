package dev.wharf.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A webhook receiver for notification tests: a JDK HTTP server on a loopback port that records every request (path,
 * headers, JSON body) and answers 200, or 500 for the first {@code failures} requests of a path, or never (hang).
 */
public final class NotificationReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; {@code status} is what the receiver answered. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body, int status) {
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The envelope's events. */
        public List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            body.path("events").forEach(events::add);
            return events;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hang;

    private NotificationReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "notification-receiver-" + port);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (hang) {
                    released.await();
                }
                String path = exchange.getRequestURI().getPath();
                AtomicInteger left = failures.get(path);
                int status = left != null && left.getAndDecrement() > 0 ? 500 : 200;
                JsonNode json = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
                synchronized (received) {
                    received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), json, status));
                    received.notifyAll();
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** A receiver listening on {@code port} (which must be free). */
    public static NotificationReceiver start(int port) {
        try {
            return new NotificationReceiver(port);
        } catch (IOException e) {
            throw new UncheckedIOException("receiver cannot listen on " + port, e);
        }
    }

    /** The next {@code count} requests to {@code path} are answered 500. */
    public NotificationReceiver failNext(String path, int count) {
        failures.put(path, new AtomicInteger(count));
        return this;
    }

    /** Requests are read but never answered until {@link #close()}. */
    public NotificationReceiver hang() {
        hang = true;
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Requests to {@code path} answered 200 (delivered), in arrival order. */
    public List<Received> delivered(String path) {
        return received().stream().filter(r -> r.path().equals(path) && r.status() == 200).toList();
    }

    /**
     * The events delivered to {@code path} that match, once at least {@code count} have arrived; fails after the
     * timeout with what did arrive.
     */
    public List<JsonNode> awaitEvents(String path, Predicate<JsonNode> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<JsonNode> events = events(path, match);
                long left = deadline - System.nanoTime();
                if (events.size() >= count || left <= 0) {
                    if (events.size() < count) {
                        throw new AssertionError("expected " + count + " events at " + path + ", got " + events);
                    }
                    return events;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The events delivered to {@code path} that match, now. */
    public List<JsonNode> events(String path, Predicate<JsonNode> match) {
        return delivered(path).stream().flatMap(r -> r.events().stream()).filter(match).toList();
    }

    /** Events about this repository (as target or mount source). */
    public static Predicate<JsonNode> about(String repository) {
        return event -> repository.equals(event.path("target").path("repository").asText());
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

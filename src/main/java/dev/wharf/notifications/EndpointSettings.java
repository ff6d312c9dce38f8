package dev.wharf.notifications;

import dev.wharf.config.NotificationsConfig;
import dev.wharf.config.ResponseHeaders;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One endpoint's settings with distribution's defaults applied ({@code endpoint.go}: a timeout, threshold or backoff of
 * zero or less means 1s, 10 and 1s), and the media types and actions it does not want.
 */
public record EndpointSettings(String name, URI url, Map<String, List<String>> headers, Duration timeout,
                               int threshold, Duration backoff, Set<String> ignoredMediaTypes,
                               Set<String> ignoredActions, int capacity) {
    /** Events held per endpoint while it is slow or down; beyond that the oldest are dropped. */
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    public EndpointSettings {
        timeout = positiveOr(timeout, ONE_SECOND);
        backoff = positiveOr(backoff, ONE_SECOND);
        threshold = threshold > 0 ? threshold : 10;
        headers = Map.copyOf(headers);
        ignoredMediaTypes = Set.copyOf(ignoredMediaTypes);
        ignoredActions = Set.copyOf(ignoredActions);
    }

    /** The settings of {@code notifications.endpoints[index]}; lists may be given as YAML ({@code [a, b]}). */
    static EndpointSettings of(int index, NotificationsConfig.Endpoint endpoint) {
        Set<String> mediaTypes = new HashSet<>(list(endpoint.ignoredmediatypes()));
        mediaTypes.addAll(list(endpoint.ignore().mediatypes()));
        return new EndpointSettings(endpoint.name().orElse(endpoint.url()), URI.create(endpoint.url()),
                ResponseHeaders.of("REGISTRY_NOTIFICATIONS_ENDPOINTS_" + index + "_HEADERS", endpoint.headers()),
                endpoint.timeout(), endpoint.threshold(), endpoint.backoff(), mediaTypes,
                new HashSet<>(list(endpoint.ignore().actions())), DEFAULT_CAPACITY);
    }

    private static List<String> list(Optional<List<String>> configured) {
        return ResponseHeaders.values(configured.orElse(List.of()));
    }

    /** False for events this endpoint ignores by target media type or action. */
    boolean wants(Event event) {
        String mediaType = event.target() == null ? null : event.target().mediaType();
        return !(mediaType != null && ignoredMediaTypes.contains(mediaType)) && !ignoredActions.contains(event.action());
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}

package dev.wharf.notifications;

import dev.wharf.config.NotificationsConfig;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    static EndpointSettings of(NotificationsConfig.Endpoint endpoint) {
        Set<String> mediaTypes = new HashSet<>(endpoint.ignoredmediatypes().orElse(List.of()));
        mediaTypes.addAll(endpoint.ignore().mediatypes().orElse(List.of()));
        return new EndpointSettings(endpoint.name().orElse(endpoint.url()), URI.create(endpoint.url()),
                endpoint.headers(), endpoint.timeout(), endpoint.threshold(), endpoint.backoff(), mediaTypes,
                new HashSet<>(endpoint.ignore().actions().orElse(List.of())), DEFAULT_CAPACITY);
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

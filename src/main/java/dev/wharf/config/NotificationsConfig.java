package dev.wharf.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code notifications.*} of distribution's configuration ({@code REGISTRY_NOTIFICATIONS_*}): webhook endpoints that
 * receive an envelope of events for each push, pull, mount and delete.
 */
public interface NotificationsConfig {

    /** {@code notifications.endpoints[i]} ({@code REGISTRY_NOTIFICATIONS_ENDPOINTS_<i>_<KEY>}). */
    List<Endpoint> endpoints();

    Events events();

    interface Events {
        /** {@code REGISTRY_NOTIFICATIONS_EVENTS_INCLUDEREFERENCES}: manifest events list the manifest's references. */
        @WithName("includereferences")
        @WithDefault("false")
        boolean includereferences();
    }

    interface Endpoint {
        /** {@code name}: shown in the log; defaults to the URL. */
        Optional<String> name();

        /** {@code disabled}: configured but sent nothing. */
        @WithDefault("false")
        boolean disabled();

        /** {@code url}: where events are POSTed, an absolute http(s) URL. */
        String url();

        /** {@code headers}: added to every request, a name to its values. */
        Map<String, List<String>> headers();

        /** {@code timeout}: per request, a Go duration ({@code 500ms}, {@code 1s}); 0 or less means 1s. */
        @WithDefault("1s")
        @WithConverter(GoDurationConverter.class)
        Duration timeout();

        /** {@code threshold}: consecutive failures after which each retry waits {@code backoff}; 0 or less means 10. */
        @WithDefault("10")
        int threshold();

        /** {@code backoff}: the wait between retries once {@code threshold} is reached; 0 or less means 1s. */
        @WithDefault("1s")
        @WithConverter(GoDurationConverter.class)
        Duration backoff();

        /** {@code ignoredmediatypes}: events whose target has one of these media types are not sent. */
        Optional<List<String>> ignoredmediatypes();

        Ignore ignore();

        interface Ignore {
            /** {@code ignore.mediatypes}: as {@code ignoredmediatypes}. */
            Optional<List<String>> mediatypes();

            /** {@code ignore.actions}: events with one of these actions (push, pull, mount, delete) are not sent. */
            Optional<List<String>> actions();
        }
    }
}

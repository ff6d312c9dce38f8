package dev.wharf.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One registry event as distribution's {@code notifications.Event} serialises it: what happened ({@code action}: push,
 * pull, mount or delete) to what ({@code target}), in which request, by whom ({@code actor}), on which registry
 * ({@code source}).
 */
@JsonPropertyOrder({"id", "timestamp", "action", "target", "request", "actor", "source"})
public record Event(String id, String timestamp, String action, Target target, Request request, Actor actor,
                    Source source) {
    public static final String PUSH = "push";
    public static final String PULL = "pull";
    public static final String MOUNT = "mount";
    public static final String DELETE = "delete";

    /** The content the event is about; absent fields are left out, as Go's {@code omitempty} does. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"mediaType", "size", "digest", "length", "repository", "fromRepository", "url", "tag",
            "references"})
    public record Target(String mediaType, Long size, String digest, Long length, String repository,
                         String fromRepository, String url, String tag, List<Reference> references) {
    }

    /** A descriptor the target manifest references ({@code notifications.events.includereferences}). */
    @JsonPropertyOrder({"mediaType", "size", "digest"})
    public record Reference(String mediaType, long size, String digest) {
    }

    /** The HTTP request that caused the event; {@code id}, {@code method} and {@code useragent} are always present. */
    @JsonPropertyOrder({"id", "addr", "host", "method", "useragent"})
    public record Request(String id, @JsonInclude(JsonInclude.Include.NON_EMPTY) String addr,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) String host, String method, String useragent) {
    }

    /** Who made the request: the authenticated user, nothing for anonymous callers. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Actor(String name) {
    }

    /** The registry instance that generated the event: {@code hostname:port} and an id drawn at startup. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"addr", "instanceID"})
    public record Source(String addr, String instanceID) {
    }
}

package dev.wharf.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** The body of a notification request: {@code {"events":[...]}}, of media type {@link #MEDIA_TYPE}. */
public record Envelope(List<Event> events) {
    /** What registry:2 (distribution 2.8) sends as {@code Content-Type}. */
    public static final String MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event envelope cannot be written", e);
        }
    }
}

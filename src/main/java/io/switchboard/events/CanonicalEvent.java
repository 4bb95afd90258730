package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * The envelope every vendor event is normalized to, and what {@code switchboard.events} carries.
 *
 * @param id         the vendor's event id (or a digest of the body), unique per source: consumers dedupe by it
 * @param type       the vendor's event type or topic ({@code orders/updated}, {@code invoice.paid}, ...)
 * @param subjects   canonical references to what the event is about: {@code order}, {@code customer}, ...
 * @param payload    the vendor's body, parsed when it is JSON, else a string
 */
public record CanonicalEvent(
        String id,
        String source,
        String type,
        Instant occurredAt,
        Instant receivedAt,
        Map<String, String> subjects,
        JsonNode payload) {

    public CanonicalEvent {
        subjects = Map.copyOf(subjects);
    }

    public String subject(String kind) {
        return subjects.get(kind);
    }

    /** This event as its vendor's mapper reads it: its type, its own time and what it is about. */
    public CanonicalEvent read(String type, Instant occurredAt, Map<String, String> subjects) {
        return new CanonicalEvent(id, source, type, occurredAt, receivedAt, subjects, payload);
    }
}

package io.switchboard.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.EventOutbox.Publication;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Makes the catalog's events (docs/events.md) as CloudEvents and their publications on {@code switchboard.events},
 * to be written through {@link EventOutbox} in the transaction of the change they announce.
 */
@Component("domainEvents")
public class DomainEvents {

    /** The topic every instance publishes domain events on. */
    public static final String TOPIC = "switchboard.events";

    private final ObjectMapper json;

    public DomainEvents(ObjectMapper json) {
        this.json = json;
    }

    public DomainEvent event(String id, String source, String type, String subject, Instant time, String customerId,
                             JsonNode data) {
        return DomainEvent.of(id, source, type, subject, time, customerId, data);
    }

    public Publication publication(DomainEvent event) {
        try {
            return Publication.cloudEvent(TOPIC, json.writeValueAsString(event), event.source(), event.type());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("domain event not serializable", e);
        }
    }

    /** A message on the topic as a domain event, or null when it is not one (a vendor event as received). */
    public DomainEvent read(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !DomainEvent.SPEC_VERSION.equals(node.path("specversion").asText())
                    || !node.path("id").isTextual() || !node.path("type").isTextual()) {
                return null;
            }
            return json.treeToValue(node, DomainEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

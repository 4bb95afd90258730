package io.switchboard.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox;
import io.switchboard.events.EventOutbox.Publication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The catalog's conversation events (docs/events.md), written in the transaction that stores the conversation
 * event: {@code inquiry.received} when a conversation begins (its first event), {@code conversation.escalated} and
 * {@code conversation.resolved} for events of those types. They name the conversation and the customer; what was
 * said stays in the hub.
 */
@Component
public class ConversationDomainEvents {

    static final String SOURCE = "/switchboard/conversations";

    private final DomainEvents events;
    private final EventOutbox outbox;
    private final ObjectMapper json;

    public ConversationDomainEvents(DomainEvents events, EventOutbox outbox, ObjectMapper json) {
        this.events = events;
        this.outbox = outbox;
        this.json = json;
    }

    /** Writes the publications of the event stored under {@code id}, in the caller's transaction. */
    void publish(String id, ConversationEvent event, boolean firstOfConversation) {
        List<Publication> publications = new ArrayList<>();
        if (firstOfConversation) {
            publications.add(publication("inq_" + id.substring("evt_".length()), "inquiry.received", event));
        }
        if ("escalated".equals(event.type()) || "resolved".equals(event.type())) {
            publications.add(publication(id, "conversation." + event.type(), event));
        }
        outbox.write(publications);
    }

    private Publication publication(String id, String type, ConversationEvent event) {
        ObjectNode data = json.createObjectNode()
                .put("conversationId", event.conversationId())
                .put("customerId", event.customerId())
                .put("eventType", event.type());
        return events.publication(events.event(id, SOURCE, type, event.conversationId(), event.at(),
                event.customerId(), data));
    }
}

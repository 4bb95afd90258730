package io.switchboard.reactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.events.DomainEvent;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.TicketComment;
import io.switchboard.model.TicketSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the reactions of routes/reactions/ send, made from their domain event: pure functions, no I/O. A reaction
 * about no customer has nothing to send (null).
 */
@Component("reactionMessages")
public class ReactionMessages {

    /** The source of the events reactions announce. */
    public static final String SOURCE = "/switchboard/reactions";

    /** A CRM activity on the customer: the order has shipped. */
    public CrmActivity orderShippedActivity(DomainEvent event) {
        return event.customerid() == null ? null : new CrmActivity(event.id(), event.customerid(), null,
                "Order " + text(event, "orderNumber") + " has shipped", null, null, Instant.parse(event.time()));
    }

    /** A CRM activity on the customer: their ticket was solved. */
    public CrmActivity ticketSolvedActivity(DomainEvent event) {
        return event.customerid() == null ? null : new CrmActivity(event.id(), event.customerid(), null,
                "Ticket " + text(event, "ticketId") + " solved (" + text(event, "vendor") + ")", null, null,
                Instant.parse(event.time()));
    }

    /** An internal note on the customer's most recently updated open ticket; null when they have none. */
    public TicketComment orderShippedComment(DomainEvent event, List<TicketSummary> openTickets) {
        if (openTickets == null || openTickets.isEmpty()) {
            return null;
        }
        TicketSummary latest = openTickets.stream().filter(Objects::nonNull)
                .max(Comparator.comparing(TicketSummary::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        return latest == null ? null : new TicketComment(latest.id(), "Order " + text(event, "orderNumber")
                + " has shipped (" + text(event, "vendor") + ").", event.id());
    }

    /**
     * {@code notification.order_shipped} for the chat backend (a subscriber of that type): tell the customer their
     * order has shipped. Its id is derived from the order event's, so the reaction run again announces the same one.
     */
    public DomainEvent orderShippedNotification(DomainEvent event) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("orderNumber", text(event, "orderNumber"))
                .put("customerId", event.customerid())
                .put("causedBy", event.id());
        String id = "evt_" + UUID.nameUUIDFromBytes(("notification.order_shipped\n" + event.id())
                .getBytes(StandardCharsets.UTF_8));
        return DomainEvent.of(id, SOURCE, "notification.order_shipped", event.subject(), Instant.parse(event.time()),
                event.customerid(), data);
    }

    private static String text(DomainEvent event, String field) {
        JsonNode data = event.data();
        return data == null ? "" : data.path(field).asText("");
    }
}

package io.switchboard.helpdesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.errors.Conflict;
import io.switchboard.errors.NotFound;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.EventOutbox;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The helpdesk capability's record of the tickets it opened, one per conversation, in PostgreSQL: it holds
 * across instances and restarts, so a conversation never gets a second ticket. Claiming a conversation is an
 * insert that only one caller can win. A ticket recorded for the first time is announced as {@code ticket.created}
 * (docs/events.md).
 */
@Component("ticketLedger")
public class TicketLedger {

    /** The CloudEvents source of {@code ticket.created}. */
    static final String EVENT_SOURCE = "/switchboard/tickets";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final DomainEvents events;
    private final ObjectMapper json;

    public TicketLedger(JdbcTemplate jdbc, TransactionTemplate transaction, EventOutbox outbox, DomainEvents events,
                        ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
    }

    /**
     * Claims the request's conversation. Returns its ticket when one exists already (and marks the exchange
     * deduplicated), or null when this caller is now the one to open it.
     */
    public Ticket claim(TicketRequest request, Exchange exchange) {
        int claimed = jdbc.update("INSERT INTO tickets (conversation_id, customer_id, priority) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", request.conversationId(), request.customerId(), request.priority());
        if (claimed == 1) {
            return null;
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT customer_id, ticket_id, url, priority,"
                + " created_at > now() - interval '30 seconds' AS recent FROM tickets WHERE conversation_id = ?",
                request.conversationId());
        if (!request.customerId().equals(row.get("customer_id"))) {
            throw new NotFound("Conversation " + request.conversationId());
        }
        if (row.get("ticket_id") == null) {
            if (Boolean.TRUE.equals(row.get("recent"))) {
                throw inProgress();   // another request is opening it right now
            }
            return null;              // an interrupted attempt: the vendor's own lookup decides
        }
        exchange.setProperty(TicketApi.DEDUPLICATED, true);
        return new Ticket((String) row.get("ticket_id"), (String) row.get("url"), (String) row.get("priority"));
    }

    /**
     * Records the ticket the vendor opened (or found) for the conversation; the first time, {@code ticket.created}
     * (docs/events.md) is published with it, in the same transaction.
     */
    public Ticket record(TicketRequest request, Ticket ticket) {
        transaction.executeWithoutResult(status -> {
            int first = jdbc.update("UPDATE tickets SET ticket_id = ?, url = ?, priority = ? WHERE conversation_id = ?"
                    + " AND ticket_id IS NULL", ticket.ticketId(), ticket.url(), ticket.priority(),
                    request.conversationId());
            if (first == 1) {
                outbox.write(List.of(created(request, ticket)));
            } else {
                jdbc.update("UPDATE tickets SET ticket_id = ?, url = ?, priority = ? WHERE conversation_id = ?",
                        ticket.ticketId(), ticket.url(), ticket.priority(), request.conversationId());
            }
        });
        return ticket;
    }

    /** {@code ticket.created}: the ticket and its conversation, not what was said. */
    private Publication created(TicketRequest request, Ticket ticket) {
        ObjectNode data = json.createObjectNode().put("ticketId", ticket.ticketId()).put("url", ticket.url())
                .put("priority", ticket.priority()).put("conversationId", request.conversationId())
                .put("customerId", request.customerId());
        String id = "tkt_" + UUID.nameUUIDFromBytes(("ticket.created\n" + request.conversationId())
                .getBytes(StandardCharsets.UTF_8));
        return events.publication(events.event(id, EVENT_SOURCE, "ticket.created", ticket.ticketId(), Instant.now(),
                request.customerId(), data));
    }

    /** A creation that failed: the conversation is unclaimed, so that the client's retry can open it. */
    public void releaseAndRethrow(TicketRequest request, Exchange exchange) throws Exception {
        jdbc.update("DELETE FROM tickets WHERE conversation_id = ? AND ticket_id IS NULL", request.conversationId());
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw failure != null ? failure : new IllegalStateException("ticket creation failed");
    }

    static Conflict inProgress() {
        return new Conflict("A ticket for this conversation is being opened", Duration.ofSeconds(2));
    }
}

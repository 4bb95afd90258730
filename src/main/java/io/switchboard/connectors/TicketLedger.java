package io.switchboard.connectors;

import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import io.switchboard.api.TicketApi;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The helpdesk capability's record of the tickets it opened, one per conversation, in PostgreSQL: it holds
 * across instances and restarts, so a conversation never gets a second ticket. Claiming a conversation is an
 * insert that only one caller can win.
 */
@Component("ticketLedger")
public class TicketLedger {

    private final JdbcTemplate jdbc;

    public TicketLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
            throw ApiException.notFound("Conversation " + request.conversationId());
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

    /** Records the ticket the vendor opened (or found) for the conversation. */
    public Ticket record(TicketRequest request, Ticket ticket) {
        jdbc.update("UPDATE tickets SET ticket_id = ?, url = ?, priority = ? WHERE conversation_id = ?",
                ticket.ticketId(), ticket.url(), ticket.priority(), request.conversationId());
        return ticket;
    }

    /** A creation that failed: the conversation is unclaimed, so that the client's retry can open it. */
    public void releaseAndRethrow(TicketRequest request, Exchange exchange) throws Exception {
        jdbc.update("DELETE FROM tickets WHERE conversation_id = ? AND ticket_id IS NULL", request.conversationId());
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw failure != null ? failure : new IllegalStateException("ticket creation failed");
    }

    static ApiException inProgress() {
        return new ApiException(ErrorCode.CONFLICT, "A ticket for this conversation is being opened", Map.of(),
                Duration.ofSeconds(2));
    }
}

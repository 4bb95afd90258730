package io.switchboard.connectors.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.Timestamps;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.VendorEvents;
import io.switchboard.events.WebhookMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Freshdesk's automation webhooks ("Trigger webhook" of a ticket update rule, JSON with the ticket's placeholders
 * under {@code freshdesk_webhook}): the ticket by {@code ticket_id}, the customer by the {@code customer-<id>} tag
 * the hub puts on the tickets it opens (in {@code ticket_tags}, comma separated). A ticket whose
 * {@code ticket_status} is Resolved or Closed is {@code ticket.solved}, any other {@code ticket.updated}.
 */
@Component("freshdeskWebhooks")
public class FreshdeskWebhooks implements WebhookMapper {

    private static final String CUSTOMER_TAG = "customer-";

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        JsonNode ticket = received.payload().path("freshdesk_webhook");
        Map<String, String> subjects = new HashMap<>();
        if (ticket.path("ticket_id").isValueNode() && !ticket.path("ticket_id").asText().isBlank()) {
            subjects.put("ticket", ticket.path("ticket_id").asText());
            for (String tag : ticket.path("ticket_tags").asText("").split(",")) {
                if (tag.trim().startsWith(CUSTOMER_TAG)) {
                    subjects.put("customer", tag.trim().substring(CUSTOMER_TAG.length()));
                }
            }
        }
        Instant time = Timestamps.parse(ticket.path("ticket_updated_at").asText(null));
        String type = ticket.path("triggered_event").asText(received.type());
        return received.read(type, time != null ? time : received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("ticket") == null) {
            return List.of();
        }
        String status = event.payload().path("freshdesk_webhook").path("ticket_status").asText("")
                .toLowerCase(Locale.ROOT);
        boolean solved = "resolved".equals(status) || "closed".equals(status);
        return List.of(VendorEvents.ticket(event, solved, status, null));
    }
}

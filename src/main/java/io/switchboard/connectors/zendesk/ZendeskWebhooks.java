package io.switchboard.connectors.zendesk;

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
 * Zendesk Support's ticket events (event webhooks, {@code type: zen:event-type:ticket.*}, the ticket in
 * {@code detail}, the change in {@code event}): the ticket by {@code detail.id}, the customer by the
 * {@code customer_<id>} tag the hub puts on the tickets it opens. {@code ticket.status_changed} to {@code SOLVED} or
 * {@code CLOSED} is {@code ticket.solved}; every other ticket event is {@code ticket.updated}.
 */
@Component("zendeskWebhooks")
public class ZendeskWebhooks implements WebhookMapper {

    static final String TICKET_EVENT = "zen:event-type:ticket.";
    private static final String CUSTOMER_TAG = "customer_";

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        JsonNode payload = received.payload();
        String type = payload.path("type").asText(received.type());
        Instant time = Timestamps.parse(payload.path("time").asText(null));
        Map<String, String> subjects = new HashMap<>();
        JsonNode ticket = payload.path("detail");
        if (type != null && type.startsWith(TICKET_EVENT) && ticket.path("id").isValueNode()) {
            subjects.put("ticket", ticket.path("id").asText());
            for (JsonNode tag : ticket.path("tags")) {
                if (tag.asText().startsWith(CUSTOMER_TAG)) {
                    subjects.put("customer", tag.asText().substring(CUSTOMER_TAG.length()));
                }
            }
        }
        return received.read(type, time != null ? time : received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("ticket") == null) {
            return List.of();
        }
        JsonNode payload = event.payload();
        String status = payload.path("detail").path("status").asText("").toLowerCase(Locale.ROOT);
        String previous = null;
        if ((TICKET_EVENT + "status_changed").equals(event.type())) {
            status = payload.path("event").path("current").asText(status).toLowerCase(Locale.ROOT);
            previous = payload.path("event").path("previous").asText("").toLowerCase(Locale.ROOT);
        }
        boolean solved = (TICKET_EVENT + "status_changed").equals(event.type())
                && ("solved".equals(status) || "closed".equals(status));
        return List.of(VendorEvents.ticket(event, solved, status, previous == null || previous.isEmpty() ? null : previous));
    }
}

package io.switchboard.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Jira's issue webhooks ({@code webhookEvent: jira:issue_updated}, the issue in {@code issue}, what changed in
 * {@code changelog.items}): the ticket by the issue key, the customer by the {@code customer-<id>} label the hub puts
 * on the requests it opens. An update whose changelog moves the status into the Done category is
 * {@code ticket.solved}; any other issue update {@code ticket.updated}.
 */
@Component("jiraWebhooks")
public class JiraWebhooks implements WebhookMapper {

    private static final String CUSTOMER_LABEL = "customer-";

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        JsonNode payload = received.payload();
        String type = payload.path("webhookEvent").asText(received.type());
        JsonNode issue = payload.path("issue");
        Map<String, String> subjects = new HashMap<>();
        if (type != null && type.startsWith("jira:issue_") && issue.path("key").isTextual()) {
            subjects.put("ticket", issue.path("key").asText());
            for (JsonNode label : issue.path("fields").path("labels")) {
                if (label.asText().startsWith(CUSTOMER_LABEL)) {
                    subjects.put("customer", label.asText().substring(CUSTOMER_LABEL.length()));
                }
            }
        }
        Instant time = payload.path("timestamp").isIntegralNumber()
                ? Instant.ofEpochMilli(payload.path("timestamp").asLong()) : received.occurredAt();
        return received.read(type, time, subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("ticket") == null || !"jira:issue_updated".equals(event.type())) {
            return List.of();
        }
        JsonNode status = event.payload().path("issue").path("fields").path("status");
        String previous = null;
        boolean statusChanged = false;
        for (JsonNode item : event.payload().path("changelog").path("items")) {
            if ("status".equals(item.path("field").asText())) {
                statusChanged = true;
                previous = item.path("fromString").asText(null);
            }
        }
        boolean solved = statusChanged && "done".equals(status.path("statusCategory").path("key").asText());
        return List.of(VendorEvents.ticket(event, solved, status.path("name").asText("").toLowerCase(Locale.ROOT),
                previous == null ? null : previous.toLowerCase(Locale.ROOT)));
    }
}

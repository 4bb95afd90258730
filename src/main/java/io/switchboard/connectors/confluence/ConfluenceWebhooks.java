package io.switchboard.connectors.confluence;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.VendorEvents;
import io.switchboard.events.WebhookMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Confluence's page webhooks ({@code page_created}, {@code page_updated}, {@code page_removed}, {@code page_trashed},
 * {@code page_restored}; the event's name in {@code X-Event-Key}, or {@code webhookEvent} in the body; the page in
 * {@code page}, {@code timestamp} in milliseconds): each is {@code article.updated} of the page's id, since the
 * search answers it is in may change.
 */
@Component("confluenceWebhooks")
public class ConfluenceWebhooks implements WebhookMapper {

    private static final Set<String> PAGE_CHANGES = Set.of("page_created", "page_updated", "page_removed",
            "page_trashed", "page_restored");

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        JsonNode payload = received.payload();
        String type = received.type() != null ? received.type() : payload.path("webhookEvent").asText(null);
        Instant time = payload.path("timestamp").isIntegralNumber()
                ? Instant.ofEpochMilli(payload.path("timestamp").asLong()) : received.occurredAt();
        Map<String, String> subjects = payload.path("page").path("id").isValueNode()
                ? Map.of("article", payload.path("page").path("id").asText()) : Map.of();
        return received.read(type, time, subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("article") == null || !PAGE_CHANGES.contains(event.type())) {
            return List.of();
        }
        return List.of(VendorEvents.article(event, event.subject("article"), event.type()));
    }
}

package io.switchboard.connectors.zendeskguide;

import io.switchboard.connectors.Timestamps;
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
 * Zendesk Guide's article events (event webhooks, {@code type: zen:event-type:article.*}, the article's id in
 * {@code detail.id}): a published or unpublished article, or one whose author changed, is {@code article.updated};
 * votes, comments and subscriptions change no answer and announce nothing.
 */
@Component("zendeskGuideWebhooks")
public class ZendeskGuideWebhooks implements WebhookMapper {

    private static final String ARTICLE_EVENT = "zen:event-type:article.";
    private static final Set<String> CONTENT_CHANGES = Set.of("published", "unpublished", "author_changed");

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        String type = received.payload().path("type").asText(received.type());
        Instant time = Timestamps.parse(received.payload().path("time").asText(null));
        Map<String, String> subjects = type != null && type.startsWith(ARTICLE_EVENT)
                && received.payload().path("detail").path("id").isValueNode()
                ? Map.of("article", received.payload().path("detail").path("id").asText()) : Map.of();
        return received.read(type, time != null ? time : received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        String change = event.type() == null ? "" : event.type().substring(Math.min(event.type().length(),
                ARTICLE_EVENT.length()));
        if (event.subject("article") == null || !CONTENT_CHANGES.contains(change)) {
            return List.of();
        }
        return List.of(VendorEvents.article(event, event.subject("article"), change));
    }
}

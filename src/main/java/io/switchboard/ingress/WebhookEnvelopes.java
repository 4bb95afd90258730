package io.switchboard.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.WebhookMapper;
import io.switchboard.messaging.WebhookQueues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * A queued delivery (raw body and the properties the ingress set) as a {@link CanonicalEvent} that knows no vendor:
 * the body parsed once, the ingress's id and type, no subjects. The source's route
 * ({@code direct:webhooks.<source>}, routes/webhooks/) hands it to its vendor's {@link WebhookMapper}.
 */
@Component("webhookEnvelopes")
public class WebhookEnvelopes {

    /** The route of sources that have none of their own: the vendor's event is published as received. */
    static final String GENERIC = "direct:webhooks.generic";

    private final ObjectMapper json;
    private final CamelContext camel;
    private final WebhookSources sources;

    public WebhookEnvelopes(ObjectMapper json, CamelContext camel, WebhookSources sources) {
        this.json = json;
        this.camel = camel;
        this.sources = sources;
    }

    public CanonicalEvent read(Exchange exchange) {
        Message message = exchange.getMessage();
        Instant receivedAt = Instant.parse(message.getHeader(WebhookQueues.RECEIVED_AT, String.class));
        JsonNode payload = parse(message.getBody(byte[].class));
        return new CanonicalEvent(message.getHeader(WebhookQueues.EVENT_ID, String.class),
                message.getHeader(WebhookQueues.SOURCE, String.class),
                message.getHeader(WebhookQueues.EVENT_TYPE, String.class),
                occurredAt(payload, receivedAt), receivedAt, Map.of(), payload);
    }

    /**
     * The source's own route, {@code direct:webhooks.<source>}, when one is loaded (route id
     * {@code webhooks-<source>}); else the route named by its signature scheme, so that a second store of a vendor
     * (a source {@code shopify-eu} of scheme {@code shopify}) is read as the first is; else the generic route.
     */
    public String routeOf(String source) {
        if (source == null) {
            return GENERIC;
        }
        if (camel.getRoute("webhooks-" + source) != null) {
            return "direct:webhooks." + source;
        }
        String scheme = sources.find(source).map(bound -> bound.scheme().name()).orElse(null);
        return scheme != null && camel.getRoute("webhooks-" + scheme) != null ? "direct:webhooks." + scheme : GENERIC;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null || node.isMissingNode() ? TextNode.valueOf("") : node;
        } catch (IOException notJson) {
            return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The vendor's own time where it commonly gives one ({@code updated_at}, {@code created} seconds), else receipt. */
    private static Instant occurredAt(JsonNode payload, Instant receivedAt) {
        try {
            if (payload.path("updated_at").isTextual()) {
                return OffsetDateTime.parse(payload.path("updated_at").asText()).toInstant();
            }
        } catch (DateTimeParseException ignored) {
            // fall through to the receipt time
        }
        if (payload.path("created").isIntegralNumber()) {
            return Instant.ofEpochSecond(payload.path("created").asLong());
        }
        return receivedAt;
    }
}

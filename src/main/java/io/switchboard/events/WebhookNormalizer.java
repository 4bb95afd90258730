package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.ingress.WebhookQueues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * A queued delivery (raw body and the properties the ingress set) to a {@link CanonicalEvent}. Subjects are read
 * where vendors put them: Shopify order topics name the order and its customer.
 */
@Component("webhookNormalizer")
public class WebhookNormalizer {

    private final ObjectMapper json;

    public WebhookNormalizer(ObjectMapper json) {
        this.json = json;
    }

    public CanonicalEvent normalize(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        String source = message.getHeader(WebhookQueues.SOURCE, String.class);
        String type = message.getHeader(WebhookQueues.EVENT_TYPE, String.class);
        Instant receivedAt = Instant.parse(message.getHeader(WebhookQueues.RECEIVED_AT, String.class));
        JsonNode payload = parse(body);
        Map<String, String> subjects = new HashMap<>();
        if (type != null && type.startsWith("orders/") && payload.path("order_number").isValueNode()) {
            subjects.put("order", payload.path("order_number").asText());
            if (payload.path("customer").path("id").isValueNode()) {
                subjects.put("customer", payload.path("customer").path("id").asText());
            }
        }
        return new CanonicalEvent(message.getHeader(WebhookQueues.EVENT_ID, String.class), source, type,
                occurredAt(payload, receivedAt), receivedAt, subjects, payload);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null || node.isMissingNode() ? TextNode.valueOf("") : node;
        } catch (IOException notJson) {
            return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The vendor's own time where it gives one ({@code updated_at}, {@code created} seconds), else receipt time. */
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

package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.messaging.WebhookQueues;
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
 * where vendors put them: Shopify's, WooCommerce's and in-house order topics name the order and its customer.
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
        Map<String, String> subjects = isOrderTopic(type) ? orderSubjects(payload) : Map.of();
        return new CanonicalEvent(message.getHeader(WebhookQueues.EVENT_ID, String.class), source, type,
                occurredAt(payload, receivedAt), receivedAt, subjects, payload);
    }

    /** Shopify's {@code orders/updated}; WooCommerce's and in-house senders' {@code order.updated}. */
    private static boolean isOrderTopic(String type) {
        return type != null && (type.startsWith("orders/") || type.startsWith("order."));
    }

    /**
     * The order's number ({@code order_number}: Shopify and in-house senders; {@code number}: WooCommerce) and its
     * customer ({@code customer.id}: Shopify; {@code customer_id}, 0 for a guest: WooCommerce).
     */
    private static Map<String, String> orderSubjects(JsonNode payload) {
        Map<String, String> subjects = new HashMap<>();
        JsonNode number = payload.path("order_number").isValueNode() ? payload.path("order_number") : payload.path("number");
        if (!number.isValueNode() || number.asText().isBlank()) {
            return subjects;
        }
        subjects.put("order", number.asText());
        if (payload.path("customer").path("id").isValueNode()) {
            subjects.put("customer", payload.path("customer").path("id").asText());
        } else if (payload.path("customer_id").isValueNode() && !"0".equals(payload.path("customer_id").asText())) {
            subjects.put("customer", payload.path("customer_id").asText());
        }
        return subjects;
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

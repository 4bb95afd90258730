package io.switchboard.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.VendorEvents;
import io.switchboard.events.WebhookMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Shopify's order webhooks ({@code X-Shopify-Topic: orders/*}; the body is the order as the Admin REST API shows it):
 * the order by {@code order_number}, its customer by {@code customer.id}; {@code order.cancelled} for
 * {@code orders/cancelled} or a {@code cancelled_at}, {@code order.shipped} for {@code orders/fulfilled} or
 * {@code fulfillment_status: fulfilled}, else {@code order.status_changed} with the financial status.
 */
@Component("shopifyWebhooks")
public class ShopifyWebhooks implements WebhookMapper {

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        Map<String, String> subjects = new HashMap<>();
        JsonNode order = received.payload();
        if (isOrderTopic(received.type()) && order.path("order_number").isValueNode()
                && !order.path("order_number").asText().isBlank()) {
            subjects.put("order", order.path("order_number").asText());
            if (order.path("customer").path("id").isValueNode()) {
                subjects.put("customer", order.path("customer").path("id").asText());
            }
        }
        return received.read(received.type(), received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("order") == null) {
            return List.of();
        }
        return List.of(VendorEvents.order(event, status(event.type(), event.payload())));
    }

    private static boolean isOrderTopic(String topic) {
        return topic != null && topic.startsWith("orders/");
    }

    private static String status(String topic, JsonNode order) {
        if ("orders/cancelled".equals(topic) || order.path("cancelled_at").isTextual()) {
            return "cancelled";
        }
        if ("orders/fulfilled".equals(topic) || "fulfilled".equals(order.path("fulfillment_status").asText())) {
            return "shipped";
        }
        return order.path("financial_status").asText("updated");
    }
}

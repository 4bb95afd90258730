package io.switchboard.connectors.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.VendorEvents;
import io.switchboard.events.WebhookMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * WooCommerce's order webhooks ({@code X-WC-Webhook-Topic: order.created | order.updated | ...}; the body is the
 * order as the REST API v3 shows it): the order by {@code number}, its customer by {@code customer_id} (0 is a
 * guest); status {@code completed} is {@code order.shipped} (WooCommerce knows no carrier status),
 * {@code cancelled} is {@code order.cancelled}, any other {@code order.status_changed}.
 */
@Component("wooCommerceWebhooks")
public class WooCommerceWebhooks implements WebhookMapper {

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        Map<String, String> subjects = new HashMap<>();
        JsonNode order = received.payload();
        String topic = received.type();
        if (topic != null && topic.startsWith("order.") && order.path("number").isValueNode()
                && !order.path("number").asText().isBlank()) {
            subjects.put("order", order.path("number").asText());
            String customer = order.path("customer_id").asText("0");
            if (!"0".equals(customer) && !customer.isBlank()) {
                subjects.put("customer", customer);
            }
        }
        return received.read(topic, received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("order") == null) {
            return List.of();
        }
        String status = event.payload().path("status").asText("updated").toLowerCase(Locale.ROOT);
        return List.of(VendorEvents.order(event, switch (status) {
            case "completed" -> "shipped";
            case "cancelled" -> "cancelled";
            default -> status;
        }));
    }
}

package io.switchboard.connectors.orderstatus;

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
 * An in-house order system's webhooks (the generic {@code hmac} scheme, type {@code order.*}): the order by
 * {@code order_number}, its customer by {@code customer_id}, its {@code status} in the hub's words
 * ({@code shipped}, {@code cancelled}, anything else is a status change).
 */
@Component("orderStatusWebhooks")
public class OrderStatusWebhooks implements WebhookMapper {

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        Map<String, String> subjects = new HashMap<>();
        JsonNode order = received.payload();
        String type = received.type();
        if (type != null && type.startsWith("order.") && order.path("order_number").isValueNode()
                && !order.path("order_number").asText().isBlank()) {
            subjects.put("order", order.path("order_number").asText());
            if (order.path("customer_id").isValueNode() && !order.path("customer_id").asText().isBlank()) {
                subjects.put("customer", order.path("customer_id").asText());
            }
        }
        return received.read(type, received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        if (event.subject("order") == null) {
            return List.of();
        }
        String status = event.payload().path("status").asText("updated").toLowerCase(Locale.ROOT);
        return List.of(VendorEvents.order(event, "canceled".equals(status) ? "cancelled" : status));
    }
}

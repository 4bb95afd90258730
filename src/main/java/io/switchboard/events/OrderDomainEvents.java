package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A vendor's order webhook (Shopify's {@code orders/*}, WooCommerce's and in-house senders' {@code order.*}) as the
 * catalog's order event (docs/events.md): {@code order.cancelled} when the order is cancelled,
 * {@code order.shipped} when it is fulfilled (Shopify {@code fulfillment_status: fulfilled}, WooCommerce
 * {@code completed}), else {@code order.status_changed}. Staged beside the vendor's event by the webhook process
 * route; its id is derived from the vendor's event id, so the same delivery makes the same event.
 */
@Component("orderDomainEvents")
public class OrderDomainEvents {

    private final DomainEvents events;
    private final EventOutbox outbox;
    private final ObjectMapper json;

    public OrderDomainEvents(DomainEvents events, EventOutbox outbox, ObjectMapper json) {
        this.events = events;
        this.outbox = outbox;
        this.json = json;
    }

    /** Stages the order event of the exchange's vendor event (property {@code event}), when it is about an order. */
    public void stage(Exchange exchange) {
        DomainEvent event = of(EventOutbox.event(exchange));
        if (event != null) {
            outbox.stage(exchange, events.publication(event));
        }
    }

    /** The order event of a vendor event, or null when it names no order or is no order topic. */
    public DomainEvent of(CanonicalEvent vendor) {
        String type = vendor == null ? null : vendor.type();
        String order = vendor == null ? null : vendor.subject("order");
        if (order == null || type == null || !(type.startsWith("orders/") || type.startsWith("order."))) {
            return null;
        }
        JsonNode payload = vendor.payload();
        String status = status(type, payload);
        String domainType = switch (status) {
            case "cancelled" -> "order.cancelled";
            case "shipped" -> "order.shipped";
            default -> "order.status_changed";
        };
        ObjectNode data = json.createObjectNode().put("orderNumber", order).put("status", status)
                .put("vendor", vendor.source()).put("vendorEventType", type);
        String id = "evt_" + UUID.nameUUIDFromBytes((domainType + "\n" + vendor.source() + "\n" + vendor.id())
                .getBytes(StandardCharsets.UTF_8));
        return events.event(id, "/webhooks/" + vendor.source(), domainType, order, vendor.occurredAt(),
                vendor.subject("customer"), data);
    }

    /**
     * In the vendor's words where it has one: Shopify's cancellation and fulfillment, WooCommerce's and in-house
     * senders' {@code status}.
     */
    private static String status(String type, JsonNode payload) {
        if ("orders/cancelled".equals(type) || payload.path("cancelled_at").isTextual()) {
            return "cancelled";
        }
        if ("orders/fulfilled".equals(type) || "fulfilled".equals(payload.path("fulfillment_status").asText())) {
            return "shipped";
        }
        String status = payload.path("status").asText("").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "cancelled", "canceled" -> "cancelled";
            case "completed", "shipped" -> "shipped";
            case "" -> payload.path("financial_status").asText("updated");
            default -> status;
        };
    }
}

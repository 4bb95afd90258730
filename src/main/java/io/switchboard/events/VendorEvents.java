package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Domain events announced by vendor webhooks: how the vendors' mappers make them (the same delivery always makes
 * the same event id) and how the webhook routes stage them with the delivery's other publications, in the
 * transaction that records the delivery as applied.
 */
@Component("vendorEvents")
public class VendorEvents {

    private final DomainEvents events;
    private final EventOutbox outbox;

    public VendorEvents(DomainEvents events, EventOutbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    /** Stages each event for {@code switchboard.events} on the exchange. */
    public void stage(Exchange exchange, List<DomainEvent> announced) {
        if (announced != null) {
            announced.forEach(event -> outbox.stage(exchange, events.publication(event)));
        }
    }

    /**
     * An event of the vendor's delivery, source {@code /webhooks/<source>}. Its id is derived from the type, the
     * source, the vendor's event id and {@code part} (what tells apart several events of one delivery, e.g. the
     * contact of a HubSpot batch), so that a delivery applied again announces the same event.
     */
    public static DomainEvent of(CanonicalEvent vendor, String type, String subject, Instant time, String customerId,
                                 JsonNode data, String part) {
        String key = type + "\n" + vendor.source() + "\n" + vendor.id() + (part == null ? "" : "\n" + part);
        String id = "evt_" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return DomainEvent.of(id, "/webhooks/" + vendor.source(), type, subject, time, customerId, data);
    }

    /** The data every vendor-announced event carries: which source, and the vendor's own event type. */
    public static ObjectNode data(CanonicalEvent vendor) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("vendor", vendor.source());
        data.put("vendorEventType", vendor.type());
        return data;
    }

    /**
     * The catalog's order event for an order webhook whose status the vendor's mapper read: {@code cancelled} and
     * {@code shipped} make {@code order.cancelled} and {@code order.shipped}, any other status
     * {@code order.status_changed}.
     */
    public static DomainEvent order(CanonicalEvent vendor, String status) {
        String order = vendor.subject("order");
        String type = switch (status) {
            case "cancelled" -> "order.cancelled";
            case "shipped" -> "order.shipped";
            default -> "order.status_changed";
        };
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("orderNumber", order).put("status", status);
        data.setAll(data(vendor));
        return of(vendor, type, order, vendor.occurredAt(), vendor.subject("customer"), data, null);
    }

    /**
     * {@code ticket.solved} when the ticket reached a solved status, else {@code ticket.updated}; data
     * {@code ticketId}, {@code status} (the vendor's word, lower case), {@code previousStatus} when known.
     */
    public static DomainEvent ticket(CanonicalEvent vendor, boolean solved, String status, String previousStatus) {
        String ticket = vendor.subject("ticket");
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("ticketId", ticket).put("status", status);
        if (previousStatus != null) {
            data.put("previousStatus", previousStatus);
        }
        if (vendor.subject("customer") != null) {
            data.put("customerId", vendor.subject("customer"));
        }
        data.setAll(data(vendor));
        return of(vendor, solved ? "ticket.solved" : "ticket.updated", ticket, vendor.occurredAt(),
                vendor.subject("customer"), data, null);
    }

    /**
     * {@code customer.updated}: the normalised change, for the CRM's cache and for conflict rules: {@code customerId},
     * {@code source} (the webhook source), {@code changedFields} (the hub's names: email, phone, name, address,
     * ...), {@code vendorFields} (the CRM's names), {@code sourceTimestamp} (the CRM's time of the change). No values:
     * they are read from the CRM.
     */
    public static DomainEvent customer(CanonicalEvent vendor, String customerId, List<String> changedFields,
                                       List<String> vendorFields, Instant sourceTimestamp) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", customerId)
                .put("source", vendor.source());
        changedFields.stream().distinct().forEach(data.putArray("changedFields")::add);
        vendorFields.stream().distinct().forEach(data.putArray("vendorFields")::add);
        data.put("sourceTimestamp", sourceTimestamp.toString());
        data.setAll(data(vendor));
        return of(vendor, "customer.updated", customerId, sourceTimestamp, customerId, data, customerId);
    }

    /** {@code article.updated}: a knowledge base article (page) changed, was published or removed. */
    public static DomainEvent article(CanonicalEvent vendor, String articleId, String change) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("articleId", articleId).put("change", change);
        data.setAll(data(vendor));
        return of(vendor, "article.updated", articleId, vendor.occurredAt(), null, data, null);
    }
}

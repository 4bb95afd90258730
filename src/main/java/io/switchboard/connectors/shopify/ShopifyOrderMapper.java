package io.switchboard.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.NotFound;
import io.switchboard.model.LineItem;
import io.switchboard.model.Money;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.model.Shipment;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Shopify Admin REST order JSON to the canonical {@link Order}. Pure: no I/O, no state. */
@Component("shopifyOrderMapper")
public class ShopifyOrderMapper {

    private final ObjectMapper json;

    public ShopifyOrderMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Picks the order numbered {@code orderNumber} out of a {@code GET /orders.json?name=...} answer. Shopify's
     * name filter is not an exact match, so the number is checked here.
     */
    public Order findByNumber(String ordersResponse, String orderNumber) {
        JsonNode orders = parse(ordersResponse).path("orders");
        if (!orders.isArray()) {
            throw new UnreadableUpstreamResponse("Shopify order list without an 'orders' array", null);
        }
        for (JsonNode order : orders) {
            if (orderNumber.equals(order.path("order_number").asText())) {
                return toOrder(order);
            }
        }
        throw new NotFound("Order " + orderNumber);
    }

    /** All orders of a {@code GET /orders.json?customer_id=...} answer, as Shopify sorts them (newest first). */
    public List<Order> allOrders(String ordersResponse) {
        JsonNode orders = parse(ordersResponse).path("orders");
        if (!orders.isArray()) {
            throw new UnreadableUpstreamResponse("Shopify order list without an 'orders' array", null);
        }
        List<Order> result = new ArrayList<>();
        orders.forEach(order -> result.add(toOrder(order)));
        return result;
    }

    /** The order of a {@code POST /orders/{id}/cancel.json} answer ({@code {"order": {...}}}). */
    public Order fromCancel(String cancelResponse) {
        JsonNode order = parse(cancelResponse).path("order");
        if (!order.isObject()) {
            throw new UnreadableUpstreamResponse("Shopify cancel answer without an 'order'", null);
        }
        return toOrder(order);
    }

    /** Maps one Shopify order resource (the REST payload, also what order webhooks carry). */
    public Order toOrder(JsonNode order) {
        String currency = order.path("currency").asText(null);
        return new Order(
                order.path("order_number").asText(),
                order.path("id").asText(),
                textOrNull(order.path("customer").path("id")),
                status(order),
                instant(order.path("created_at")),
                instant(order.path("updated_at")),
                new Money(order.path("total_price").asText(null), currency),
                lineItems(order.path("line_items"), currency),
                latestShipment(order.path("fulfillments")));
    }

    static OrderStatus status(JsonNode order) {
        if (!order.path("cancelled_at").isNull() && !order.path("cancelled_at").isMissingNode()) {
            return OrderStatus.CANCELLED;
        }
        if ("refunded".equals(order.path("financial_status").asText())) {
            return OrderStatus.REFUNDED;
        }
        switch (order.path("fulfillment_status").asText("")) {
            case "fulfilled":
                return shippedStatus(successfulFulfillment(order.path("fulfillments")));
            case "partial":
                return OrderStatus.PARTIALLY_SHIPPED;
            default:
                return "pending".equals(order.path("financial_status").asText())
                        ? OrderStatus.PENDING
                        : OrderStatus.PROCESSING;
        }
    }

    private static OrderStatus shippedStatus(JsonNode fulfillment) {
        return switch (fulfillment == null ? "" : fulfillment.path("shipment_status").asText("")) {
            case "delivered" -> OrderStatus.DELIVERED;
            case "out_for_delivery" -> OrderStatus.OUT_FOR_DELIVERY;
            case "in_transit" -> OrderStatus.IN_TRANSIT;
            default -> OrderStatus.SHIPPED;
        };
    }

    /** The last fulfillment that succeeded; failed and cancelled ones carry no valid tracking. */
    private static JsonNode successfulFulfillment(JsonNode fulfillments) {
        JsonNode latest = null;
        for (JsonNode fulfillment : fulfillments) {
            if ("success".equals(fulfillment.path("status").asText())) {
                latest = fulfillment;
            }
        }
        return latest;
    }

    private static Shipment latestShipment(JsonNode fulfillments) {
        JsonNode fulfillment = successfulFulfillment(fulfillments);
        if (fulfillment == null) {
            return null;
        }
        String trackingUrl = textOrNull(fulfillment.path("tracking_url"));
        if (trackingUrl == null && fulfillment.path("tracking_urls").size() > 0) {
            trackingUrl = fulfillment.path("tracking_urls").get(0).asText();
        }
        return new Shipment(
                textOrNull(fulfillment.path("tracking_company")),
                textOrNull(fulfillment.path("tracking_number")),
                trackingUrl,
                instant(fulfillment.path("estimated_delivery_at")));
    }

    private static List<LineItem> lineItems(JsonNode items, String currency) {
        List<LineItem> result = new ArrayList<>();
        for (JsonNode item : items) {
            result.add(new LineItem(
                    textOrNull(item.path("sku")),
                    item.path("title").asText(),
                    item.path("quantity").asInt(),
                    new Money(item.path("price").asText(null), currency)));
        }
        return result;
    }

    private JsonNode parse(String body) {
        return VendorJson.read(json, body, "Shopify");
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        String text = textOrNull(node);
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }
}

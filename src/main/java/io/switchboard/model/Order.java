package io.switchboard.model;

import java.time.Instant;
import java.util.List;

/**
 * An order as the hub knows it: internal only, it holds what the chat API must not show (prices, items, the
 * customer). The API projects it to {@link OrderSummary}.
 *
 * @param orderNumber the number customers quote (Shopify's {@code order_number}, without '#')
 * @param vendorId    the order's id at the vendor
 * @param customerId  the vendor's id of the customer who placed it; matched against the caller's {@code sub}
 * @param shipment    the latest successful shipment, or null before shipping
 */
public record Order(
        String orderNumber,
        String vendorId,
        String customerId,
        OrderStatus status,
        Instant placedAt,
        Instant updatedAt,
        Money total,
        List<LineItem> lineItems,
        Shipment shipment) {

    public Order {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }
}

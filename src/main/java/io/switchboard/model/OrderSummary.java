package io.switchboard.model;

import java.time.Instant;

/**
 * What the chat API shows of an order (docs/api.md): status and tracking, nothing else: no address, no prices, no
 * payment or customer data.
 */
public record OrderSummary(
        String orderNumber,
        OrderStatus status,
        Instant estimatedDelivery,
        String carrier,
        String trackingUrl,
        Instant updatedAt) {

    public static OrderSummary of(Order order) {
        Shipment shipment = order.shipment();
        return new OrderSummary(
                order.orderNumber(),
                order.status(),
                shipment == null ? null : shipment.estimatedDelivery(),
                shipment == null ? null : shipment.carrier(),
                shipment == null ? null : shipment.trackingUrl(),
                order.updatedAt());
    }
}

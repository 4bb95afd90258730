package io.switchboard.model;

import java.time.Instant;

/** The latest successful shipment of an order. Every field may be null. */
public record Shipment(String carrier, String trackingNumber, String trackingUrl, Instant estimatedDelivery) {
}

package io.switchboard.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an order stands, in words a customer understands. */
public enum OrderStatus {
    PENDING,
    PROCESSING,
    PARTIALLY_SHIPPED,
    SHIPPED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    CANCELLED,
    REFUNDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.switchboard.model;

import java.time.Instant;

/** A product of the internal catalog, as {@code GET /api/v1/products/{sku}} shows it (docs/api.md). */
public record Product(String sku, String name, Money price, boolean available, Instant updatedAt) {
}

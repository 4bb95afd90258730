package io.switchboard.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sellable item (a Shopify variant, a WooCommerce simple product) as the catalog keeps it.
 *
 * @param price     decimal, as the platform writes it ({@code "199.00"})
 * @param onHand    units in stock; null when the platform does not track this item's stock
 * @param updatedAt the platform's own time of its last change
 */
public record SyncedProduct(String sku, String name, String price, Integer onHand, Instant updatedAt) {

    /** The catalog's synchronized fields. */
    public static final String NAME = "name";
    public static final String PRICE = "price";
    public static final String ON_HAND = "on-hand";

    /** A price as the catalog can hold it (a plain decimal such as {@code 199.00}), or null. */
    public static String decimal(String price) {
        return price != null && price.trim().matches("\\d{1,10}(\\.\\d{1,2})?") ? price.trim() : null;
    }

    /** The fields as the conflict rules see them ({@code switchboard.conflicts.product.<field>}). */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(NAME, name);
        fields.put(PRICE, price);
        if (onHand != null) {
            fields.put(ON_HAND, Integer.toString(onHand));
        }
        return fields;
    }
}

package io.switchboard.sync;

import java.util.List;

/**
 * One page of a platform's product list.
 *
 * @param next the cursor of the next page (Shopify's {@code page_info}, WooCommerce's page number); null: the last
 */
public record ProductPage(List<SyncedProduct> products, String next) {
}

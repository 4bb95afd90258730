/**
 * Batch sync of products and stock from the order platforms (Shopify, WooCommerce) into the internal catalog: on a
 * schedule and on demand ({@code POST /admin/sync/{source}}), incremental by the source's own update times, page by
 * page with a cursor kept after each page (a run cut short resumes), one instance at a time (a PostgreSQL advisory
 * lock), each product decided by the {@code product} conflict rules before it is written.
 */
package io.switchboard.sync;

/** Shopify Admin REST API: order mapping for the adapter route in routes/connectors/shopify/. */
package io.switchboard.connectors.shopify;

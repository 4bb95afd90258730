/** WooCommerce REST API v3: order mapping and API-key credentials for routes/connectors/woocommerce/. */
package io.switchboard.connectors.woocommerce;

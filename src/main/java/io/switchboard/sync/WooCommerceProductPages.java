package io.switchboard.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * WooCommerce's product list (REST API v3, {@code GET /wp-json/wc/v3/products}) as catalog pages: one item per
 * product with a SKU (variable products' variations, listed by another endpoint, are not synced), its
 * {@code stock_quantity} where it manages stock, changed at {@code date_modified_gmt}. The first page asks for
 * products modified after the high-water mark ({@code modified_after} with {@code dates_are_gmt}: the comparison is
 * strict and to the second, so the mark less a second is asked, and the products at the mark come again, to be
 * kept as they are) in id order, which a change during the run does not reorder; pages are numbered, up to
 * {@code X-WP-TotalPages}.
 */
@Component("woocommerceProductPages")
public class WooCommerceProductPages {

    private final ObjectMapper json;

    public WooCommerceProductPages(ObjectMapper json) {
        this.json = json;
    }

    public String query(Exchange exchange) {
        String cursor = exchange.getProperty(CatalogSync.CURSOR, String.class);
        String since = exchange.getProperty(CatalogSync.SINCE, String.class);
        int perPage = exchange.getProperty(CatalogSync.PAGE_SIZE, Integer.class);
        String modifiedAfter = since == null ? "" : "modified_after=" + Instant.parse(since).minusSeconds(1)
                .toString().replace(":", "%3A") + "&dates_are_gmt=true&";
        return modifiedAfter + "orderby=id&order=asc&page=" + (cursor == null ? 1 : Integer.parseInt(cursor))
                + "&per_page=" + perPage;
    }

    /** A page of the product array; the next page's number while {@code X-WP-TotalPages} says there are more. */
    public ProductPage page(String body, String page, String totalPages) {
        JsonNode products = VendorJson.read(json, body, "woocommerce");
        if (!products.isArray()) {
            throw new UnreadableUpstreamResponse("woocommerce answered a product list that is not an array", null);
        }
        List<SyncedProduct> items = new ArrayList<>();
        for (JsonNode product : products) {
            if (!"simple".equals(product.path("type").asText("simple"))) {
                continue;   // a variable product's price and stock are its variations'
            }
            String sku = product.path("sku").asText("").trim();
            Instant updated = gmt(product.path("date_modified_gmt").asText(null));
            String price = SyncedProduct.decimal(product.path("price").asText(null));
            if (sku.isEmpty() || updated == null || price == null) {
                continue;   // the catalog knows items by SKU, and a change by its time
            }
            Integer onHand = product.path("manage_stock").asBoolean(false) && product.path("stock_quantity").isNumber()
                    ? Math.max(0, product.path("stock_quantity").asInt()) : null;
            items.add(new SyncedProduct(sku, product.path("name").asText(""), price, onHand, updated));
        }
        int current = page == null ? 1 : Integer.parseInt(page);
        int total = parse(totalPages);
        return new ProductPage(items, current < total ? Integer.toString(current + 1) : null);
    }

    /** WooCommerce's GMT times come without a zone: {@code 2026-11-20T10:00:00}. */
    private static Instant gmt(String text) {
        try {
            return text == null ? null : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int parse(String number) {
        try {
            return number == null ? 1 : Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            throw new UnreadableUpstreamResponse("woocommerce answered an X-WP-TotalPages that is not a number", e);
        }
    }
}

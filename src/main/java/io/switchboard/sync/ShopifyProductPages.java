package io.switchboard.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.Timestamps;
import io.switchboard.connectors.VendorJson;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Shopify's product list (Admin REST API, {@code GET /products.json}) as catalog pages: one item per variant that
 * has a SKU, named "title - variant" (just the title for a product's only, "Default Title", variant), its stock
 * where Shopify tracks it ({@code inventory_management: shopify}), changed at the later of the product's and the
 * variant's {@code updated_at}. Pages follow Shopify's cursor: the {@code page_info} of the {@code Link} header's
 * {@code rel="next"} URL; a request with {@code page_info} may carry nothing else but {@code limit}, since the
 * cursor keeps the first request's filter ({@code updated_at_min}).
 */
@Component("shopifyProductPages")
public class ShopifyProductPages {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern PAGE_INFO = Pattern.compile("[?&]page_info=([^&]+)");

    private final ObjectMapper json;

    public ShopifyProductPages(ObjectMapper json) {
        this.json = json;
    }

    /** The query of a page: the first with {@code updated_at_min} (none: every product), later ones by cursor. */
    public String query(Exchange exchange) {
        String cursor = exchange.getProperty(CatalogSync.CURSOR, String.class);
        String since = exchange.getProperty(CatalogSync.SINCE, String.class);
        int limit = exchange.getProperty(CatalogSync.PAGE_SIZE, Integer.class);
        if (cursor != null) {
            return "limit=" + limit + "&page_info=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        }
        return "limit=" + limit + (since == null ? "" : "&updated_at_min=" + URLEncoder.encode(since,
                StandardCharsets.UTF_8));
    }

    /** A page of {@code {"products": [...]}}, and the next page's cursor from the {@code Link} header. */
    public ProductPage page(String body, String link) {
        JsonNode products = VendorJson.readObject(json, body, "shopify").path("products");
        if (!products.isArray()) {
            throw new UnreadableUpstreamResponse("shopify answered a product list without products", null);
        }
        List<SyncedProduct> items = new ArrayList<>();
        for (JsonNode product : products) {
            Instant productUpdated = Timestamps.parse(product.path("updated_at").asText(null));
            String title = product.path("title").asText("");
            for (JsonNode variant : product.path("variants")) {
                String sku = variant.path("sku").asText("").trim();
                Instant updated = later(productUpdated, Timestamps.parse(variant.path("updated_at").asText(null)));
                String price = SyncedProduct.decimal(variant.path("price").asText(null));
                if (sku.isEmpty() || updated == null || price == null) {
                    continue;   // the catalog knows items by SKU, and a change by its time
                }
                String variantTitle = variant.path("title").asText("");
                String name = variantTitle.isEmpty() || "Default Title".equals(variantTitle) ? title
                        : title + " - " + variantTitle;
                Integer onHand = "shopify".equals(variant.path("inventory_management").asText(null))
                        ? Math.max(0, variant.path("inventory_quantity").asInt(0)) : null;
                items.add(new SyncedProduct(sku, name, price, onHand, updated));
            }
        }
        return new ProductPage(items, nextCursor(link));
    }

    /** The {@code page_info} of the {@code rel="next"} link, or null on the last page. */
    static String nextCursor(String link) {
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        if (!next.find()) {
            return null;
        }
        Matcher pageInfo = PAGE_INFO.matcher(next.group(1));
        return pageInfo.find() ? URLDecoder.decode(pageInfo.group(1), StandardCharsets.UTF_8) : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}

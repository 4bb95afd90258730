package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The platforms' product lists, as the sandbox fixtures have them in the vendors' documented shapes, as catalog pages. */
class ProductPagesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ShopifyProductPages shopify = new ShopifyProductPages(json);
    private final WooCommerceProductPages woocommerce = new WooCommerceProductPages(json);

    private static String fixture(String path) throws Exception {
        return Files.readString(Path.of("sandbox", path));
    }

    @Test
    void shopifyVariantsWithASkuAreItemsAndTheLinkHeadersNextCursorIsTheNextPage() throws Exception {
        String link = "<https://sandbox.myshopify.com/admin/api/2025-07/products.json?limit=2&page_info=abc%3D>;"
                + " rel=\"previous\", <https://sandbox.myshopify.com/admin/api/2025-07/products.json?limit=2"
                + "&page_info=eyJuZXh0In0>; rel=\"next\"";
        ProductPage first = shopify.page(fixture("shopify/__files/products/page-1.json"), link);

        assertThat(first.next()).isEqualTo("eyJuZXh0In0");
        assertThat(first.products()).extracting(SyncedProduct::sku)
                .containsExactly("TSHIRT-CLASSIC-S", "TSHIRT-CLASSIC-M", "MUG-STONEWARE");
        assertThat(first.products().get(0)).isEqualTo(new SyncedProduct("TSHIRT-CLASSIC-S",
                "Classic T-Shirt - Small", "25.00", 12, Instant.parse("2026-11-18T14:30:00Z")));
        assertThat(first.products().get(2).name()).as("the only variant").isEqualTo("Stoneware Mug");

        ProductPage last = shopify.page(fixture("shopify/__files/products/page-2.json"),
                "<https://sandbox.myshopify.com/admin/api/2025-07/products.json?page_info=p>; rel=\"previous\"");
        assertThat(last.next()).isNull();
        assertThat(last.products()).as("the gift card has no SKU").extracting(SyncedProduct::sku)
                .containsExactly("SOCKS-WOOL");
    }

    @Test
    void shopifysFirstPageAsksFromTheHighWaterMarkAndLaterPagesByCursorAlone() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(CatalogSync.PAGE_SIZE, 50);
        exchange.setProperty(CatalogSync.SINCE, "2026-11-20T10:00:00Z");

        assertThat(shopify.query(exchange)).isEqualTo("limit=50&updated_at_min=2026-11-20T10%3A00%3A00Z");
        exchange.setProperty(CatalogSync.CURSOR, "eyJ+/=");
        assertThat(shopify.query(exchange)).isEqualTo("limit=50&page_info=eyJ%2B%2F%3D");
    }

    @Test
    void wooCommerceSimpleProductsWithASkuAreItemsUpToTheLastPage() throws Exception {
        ProductPage first = woocommerce.page(fixture("woocommerce/__files/products/page-1.json"), null, "2");
        assertThat(first.next()).isEqualTo("2");
        assertThat(first.products()).containsExactly(
                new SyncedProduct("HOODIE-ZIP", "Zip Hoodie", "49.00", 8, Instant.parse("2026-11-17T08:00:00Z")),
                new SyncedProduct("MUG-STONEWARE", "Stoneware Mug", "19.50", 38,
                        Instant.parse("2026-11-21T09:00:00Z")));

        ProductPage last = woocommerce.page(fixture("woocommerce/__files/products/page-2.json"), "2", "2");
        assertThat(last.next()).isNull();
        assertThat(last.products()).as("the variable product's variations are elsewhere; the cap's stock is not"
                + " managed").containsExactly(new SyncedProduct("CAP-CANVAS", "Canvas Cap", "15.00", null,
                Instant.parse("2026-11-16T12:00:00Z")));
        assertThat(woocommerce.page("[]", null, "0").next()).isNull();
    }

    @Test
    void wooCommercesModifiedAfterIsStrictSoTheMarkLessASecondIsAsked() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(CatalogSync.PAGE_SIZE, 20);
        exchange.setProperty(CatalogSync.SINCE, "2026-11-21T09:00:00Z");
        exchange.setProperty(CatalogSync.CURSOR, "3");

        assertThat(woocommerce.query(exchange)).isEqualTo("modified_after=2026-11-21T08%3A59%3A59Z&dates_are_gmt=true"
                + "&orderby=id&order=asc&page=3&per_page=20");
    }

    @Test
    void anAnswerThatIsNoProductListIsTheVendorsFailure() {
        assertThatThrownBy(() -> shopify.page("{\"errors\":\"Not Found\"}", null))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> woocommerce.page("{\"code\":\"rest_no_route\"}", null, "1"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThat(SyncedProduct.decimal("12.5")).isEqualTo("12.5");
        assertThat(SyncedProduct.decimal("1e9")).isNull();
    }
}

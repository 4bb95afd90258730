package io.switchboard.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.security.AuditLog;
import io.switchboard.support.Http;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The catalog's batch sync against the Shopify and WooCommerce sandboxes: the first run takes every product over
 * two pages and the second only what changed since the high-water mark; a run that fails mid-way resumes at its
 * next page; a run skips while another holds the source's lock, and two triggers at once make one run; the same
 * SKU priced differently by the two shops waits for an operator (price: manual in the test profile), who accepts it
 * through the admin API, and the product's API answer changes.
 */
@HubTest
class CatalogSyncTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final String PRODUCTS = "/admin/api/2025-07/products.json";
    private static final String PAGE_2 = "eyJsYXN0X2lkIjo3NTEzNTk0NTQ0MTg0LCJsYXN0X3ZhbHVlIjoiNzUxMzU5NDU0NDE4NCIsImRpcmVjdGlvbiI6Im5leHQifQ";
    private static final List<String> SKUS = List.of("TSHIRT-CLASSIC-S", "TSHIRT-CLASSIC-M", "MUG-STONEWARE",
            "SOCKS-WOOL", "HOODIE-ZIP", "CAP-CANVAS", "JACKET-RAIN");

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CatalogSync sync;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource database;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AuditLog audit;

    @BeforeEach
    @AfterEach
    void fromNothing() {
        Sandboxes.reset("shopify");
        Sandboxes.reset("woocommerce");
        jdbc.update("DELETE FROM sync_state");
        jdbc.update("DELETE FROM field_values WHERE data_type = 'product'");
        jdbc.update("DELETE FROM conflict_reviews WHERE data_type = 'product'");
        String[] skus = SKUS.toArray(String[]::new);
        jdbc.update("DELETE FROM catalog.inventory WHERE sku = ANY (?)", (Object) skus);
        jdbc.update("DELETE FROM catalog.products WHERE sku = ANY (?)", (Object) skus);
    }

    private WireMockServer shopify() {
        return Sandboxes.server("shopify");
    }

    @Test
    void theSecondRunTakesOnlyWhatChangedSinceTheFirstRunsHighWaterMark() {
        double appliedBefore = applied("shopify");

        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.COMPLETED);

        assertThat(catalogPrices()).containsOnly(Map.entry("TSHIRT-CLASSIC-S", "25.00"),
                Map.entry("TSHIRT-CLASSIC-M", "25.00"), Map.entry("MUG-STONEWARE", "18.00"),
                Map.entry("SOCKS-WOOL", "12.50"));
        assertThat(onHand("SOCKS-WOOL")).isEqualTo(75);
        SyncState first = state("shopify");
        assertThat(first.highWaterMark()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(first.lastRows()).isEqualTo(4);
        assertThat(first.runInProgress()).isFalse();
        shopify().verify(1, getRequestedFor(urlPathEqualTo(PRODUCTS)).withQueryParam("page_info", equalTo(PAGE_2)));

        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.COMPLETED);

        shopify().verify(1, getRequestedFor(urlPathEqualTo(PRODUCTS))
                .withQueryParam("updated_at_min", equalTo("2026-11-20T10:00:00Z")));
        SyncState second = state("shopify");
        assertThat(second.lastRows()).as("the mug at the mark and the medium T-shirt came again unchanged")
                .isEqualTo(1);
        assertThat(catalogPrices()).containsEntry("TSHIRT-CLASSIC-S", "22.00").containsEntry("TSHIRT-CLASSIC-M", "25.00");
        assertThat(second.highWaterMark()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(applied("shopify") - appliedBefore).isEqualTo(5.0);
        assertThat(meters.find("switchboard.sync.lag").tag("source", "shopify").gauge().value())
                .isBetween(0.0, 60.0);
    }

    @Test
    void aRunThatFailsMidwayResumesAtItsNextPage() {
        shopify().stubFor(get(urlPathEqualTo(PRODUCTS)).atPriority(0).withQueryParam("page_info", equalTo(PAGE_2))
                .willReturn(aResponse().withStatus(500)));

        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.FAILED);

        SyncState cut = state("shopify");
        assertThat(cut.runInProgress()).isTrue();
        assertThat(cut.runCursor()).isEqualTo(PAGE_2);
        assertThat(cut.lastOutcome()).isEqualTo("failed");
        assertThat(cut.highWaterMark()).as("not before the run's last page").isNull();
        assertThat(catalogPrices()).containsOnlyKeys("TSHIRT-CLASSIC-S", "TSHIRT-CLASSIC-M", "MUG-STONEWARE");

        Sandboxes.reset("shopify");
        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.COMPLETED);

        shopify().verify(0, getRequestedFor(urlPathEqualTo(PRODUCTS)).withQueryParam("page_info", absent()));
        shopify().verify(1, getRequestedFor(urlPathEqualTo(PRODUCTS)).withQueryParam("page_info", equalTo(PAGE_2)));
        assertThat(catalogPrices()).containsKey("SOCKS-WOOL");
        SyncState done = state("shopify");
        assertThat(done.runInProgress()).isFalse();
        assertThat(done.lastOutcome()).isEqualTo("completed");
        assertThat(done.highWaterMark()).as("over both pages of the run").isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(done.lastRows()).as("the first page's three, counted when they were applied, and the socks")
                .isEqualTo(4);
    }

    @Test
    void aRunSkipsWhileAnotherInstanceHoldsTheSourcesLock() throws Exception {
        try (Connection other = database.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtextextended('catalog-sync:shopify', 0))");

            assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.SKIPPED);

            statement.execute("SELECT pg_advisory_unlock(hashtextextended('catalog-sync:shopify', 0))");
        }
        shopify().verify(0, getRequestedFor(urlPathEqualTo(PRODUCTS)));
        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.COMPLETED);
    }

    @Test
    void twoTriggersAtOnceMakeOneRun() throws Exception {
        // the first page takes a moment, so that the second trigger comes while the first run is under way
        shopify().stubFor(get(urlPathEqualTo(PRODUCTS)).atPriority(0).withQueryParam("page_info", absent())
                .withQueryParam("updated_at_min", absent()).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Link", "<https://sandbox.myshopify.com" + PRODUCTS + "?limit=2&page_info=" + PAGE_2
                                + ">; rel=\"next\"")
                        .withBodyFile("products/page-1.json").withFixedDelay(800)));
        Http http = new Http(port);

        HttpResponse<String> first = http.send("POST", "/admin/sync/shopify", "", "X-Api-Key", ADMIN_KEY);
        HttpResponse<String> second = http.send("POST", "/admin/sync/shopify", "", "X-Api-Key", ADMIN_KEY);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json.readTree(first.body()).path("started").asBoolean()).isTrue();
        assertThat(json.readTree(second.body()).path("started").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> !sync.running("shopify")
                && "completed".equals(state("shopify").lastOutcome()));
        shopify().verify(1, getRequestedFor(urlPathEqualTo(PRODUCTS)).withQueryParam("page_info", absent()));

        JsonNode status = json.readTree(http.send("GET", "/admin/sync", (String) null, "X-Api-Key", ADMIN_KEY).body());
        JsonNode shopifyStatus = status.path("items").findParents("source").stream()
                .filter(item -> item.path("source").asText().equals("shopify")).findFirst().orElseThrow();
        assertThat(shopifyStatus.path("highWaterMark").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(shopifyStatus.path("lastRun").path("rowsApplied").asInt()).isEqualTo(4);
        assertThat(http.send("POST", "/admin/sync/shopify", "").statusCode()).as("no admin key").isEqualTo(401);
        Http.assertProblem(http.send("POST", "/admin/sync/magento", "", "X-Api-Key", ADMIN_KEY), 404, "not_found");
    }

    @Test
    void theSameSkuPricedDifferentlyByTheTwoShopsWaitsForAnOperatorWhoAcceptsIt() throws Exception {
        Http http = new Http(port);
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "catalog:read");
        assertThat(sync.run("shopify")).isEqualTo(CatalogSync.Outcome.COMPLETED);
        assertThat(price(http, token)).isEqualTo("18.00");   // and cached now

        assertThat(sync.run("woocommerce")).isEqualTo(CatalogSync.Outcome.COMPLETED);

        assertThat(catalogPrices()).containsEntry("MUG-STONEWARE", "18.00").containsEntry("HOODIE-ZIP", "49.00")
                .containsEntry("CAP-CANVAS", "15.00").doesNotContainKey("JACKET-RAIN");
        assertThat(onHand("MUG-STONEWARE")).as("stock is last-write-wins: WooCommerce's is newer").isEqualTo(38);
        assertThat(onHand("CAP-CANVAS")).as("not managed: no stock row").isNull();
        assertThat(meters.find("switchboard.conflicts.pending").gauge().value()).isGreaterThanOrEqualTo(1.0);

        JsonNode queue = json.readTree(http.send("GET", "/admin/conflicts?type=product", (String) null,
                "X-Api-Key", ADMIN_KEY).body());
        assertThat(queue.path("items")).hasSize(1);
        JsonNode review = queue.path("items").get(0);
        assertThat(review.path("entityId").asText()).isEqualTo("MUG-STONEWARE");
        assertThat(review.path("field").asText()).isEqualTo("price");
        assertThat(review.path("current").path("value").asText()).isEqualTo("18.00");
        assertThat(review.path("current").path("source").asText()).isEqualTo("shopify");
        assertThat(review.path("proposed").path("value").asText()).isEqualTo("19.50");
        assertThat(review.path("proposed").path("source").asText()).isEqualTo("woocommerce");
        assertThat(queue.path("rules").path("product").path("price").asText()).isEqualTo("manual");

        assertThat(sync.run("woocommerce")).isEqualTo(CatalogSync.Outcome.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conflict_reviews WHERE state = 'pending'"
                + " AND data_type = 'product'", Integer.class)).as("the same change again: the same review").isEqualTo(1);

        String id = review.path("id").asText();
        HttpResponse<String> accepted = http.send("POST", "/admin/conflicts/" + id + "/accept", "",
                "X-Api-Key", ADMIN_KEY);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(accepted.body()).path("state").asText()).isEqualTo("accepted");
        assertThat(catalogPrices()).containsEntry("MUG-STONEWARE", "19.50");
        await().atMost(Duration.ofSeconds(10)).until(() -> price(http, token).equals("19.50"));
        assertThat(audit.find(null, "conflict.accept", "accepted", null, 10))
                .anySatisfy(entry -> assertThat(entry.detail()).startsWith(id + " product MUG-STONEWARE price"));

        Http.assertProblem(http.send("POST", "/admin/conflicts/" + id + "/reject", "", "X-Api-Key", ADMIN_KEY),
                409, "conflict");
        Http.assertProblem(http.send("POST", "/admin/conflicts/cfr_nope/accept", "", "X-Api-Key", ADMIN_KEY),
                404, "not_found");
        Http.assertProblem(http.send("GET", "/admin/conflicts?state=maybe", (String) null, "X-Api-Key", ADMIN_KEY),
                400, "invalid_request");
        assertThat(http.send("GET", "/admin/conflicts", (String) null).statusCode()).as("no admin key").isEqualTo(401);
    }

    private String price(Http http, String token) throws Exception {
        HttpResponse<String> product = http.send("GET", "/api/v1/products/MUG-STONEWARE", (String) null,
                "Authorization", "Bearer " + token);
        return json.readTree(product.body()).path("price").path("amount").asText();
    }

    private SyncState state(String source) {
        return sync.sources().contains(source) ? new SyncStates(jdbc).get(source) : null;
    }

    private Map<String, String> catalogPrices() {
        Map<String, String> prices = new java.util.TreeMap<>();
        jdbc.query("SELECT sku, price FROM catalog.products WHERE sku = ANY (?)", rs -> {
            prices.put(rs.getString("sku"), rs.getBigDecimal("price").setScale(2).toPlainString());
        }, (Object) SKUS.toArray(String[]::new));
        return prices;
    }

    private Integer onHand(String sku) {
        List<Integer> rows = jdbc.queryForList("SELECT on_hand FROM catalog.inventory WHERE sku = ?", Integer.class, sku);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private double applied(String source) {
        Counter counter = meters.find("switchboard.sync.rows.applied").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

}

package io.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** GET /api/v1/products/{sku} on the internal catalog: read-only, bounded in time, cached and evicted on change. */
@HubTest
class CatalogTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CatalogReader catalog;

    @Autowired
    JdbcTemplate hubDatabase;

    @Autowired
    @Qualifier("productCache")
    Cache<String, ?> productCache;

    @Test
    void answersAProductWithItsPriceAndAvailability() throws Exception {
        JsonNode green = json.readTree(get("IPOD2008GREEN").body());
        JsonNode red = json.readTree(get("IPOD2008RED").body());

        assertThat(green.path("sku").asText()).isEqualTo("IPOD2008GREEN");
        assertThat(green.path("name").asText()).isEqualTo("IPod Nano - 8gb, green");
        assertThat(green.path("price").path("amount").asText()).isEqualTo("199.00");
        assertThat(green.path("price").path("currency").asText()).isEqualTo("USD");
        assertThat(green.path("available").asBoolean()).isTrue();
        assertThat(red.path("available").asBoolean()).as("none on hand").isFalse();
    }

    @Test
    void unknownMalformedAndUnauthorizedAreTheContractsErrors() throws Exception {
        assertThat(get("NO-SUCH-SKU").statusCode()).isEqualTo(404);
        assertThat(get("x'%20OR%20'1'='1").statusCode()).isEqualTo(400);
        HttpResponse<String> withoutScope = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/products/IPOD2008GREEN"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutScope.statusCode()).isEqualTo(403);
    }

    @Test
    void aChangedProductIsEvictedAtOnceAndReadAgain() throws Exception {
        assertThat(json.readTree(get("CASE-LEATHER").body()).path("price").path("amount").asText()).isEqualTo("29.50");
        assertThat(productCache.getIfPresent("CASE-LEATHER")).isNotNull();

        hubDatabase.update("UPDATE catalog.products SET price = 31.00, updated_at = now() WHERE sku = 'CASE-LEATHER'");
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> productCache.getIfPresent("CASE-LEATHER") == null);
            assertThat(json.readTree(get("CASE-LEATHER").body()).path("price").path("amount").asText()).isEqualTo("31.00");
        } finally {
            hubDatabase.update("UPDATE catalog.products SET price = 29.50 WHERE sku = 'CASE-LEATHER'");
        }
    }

    @Test
    void theCatalogConnectionsCanOnlyReadAndAreCutOffByTheStatementTimeout() {
        assertThatThrownBy(() -> catalog.jdbc().update("UPDATE catalog.products SET price = 0 WHERE sku = 'IPOD2008RED'"))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> catalog.jdbc().update("INSERT INTO webhook_receipts (source, event_id) VALUES ('x', 'y')"))
                .isInstanceOf(DataAccessException.class);
        // cancelled by the statement timeout (SQLSTATE 57014), not run to its end
        assertThatThrownBy(() -> catalog.jdbc().queryForObject("SELECT pg_sleep(10)", Object.class))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(
                        ((java.sql.SQLException) e.getMostSpecificCause()).getSQLState()).isEqualTo("57014"));
    }

    private HttpResponse<String> get(String sku) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/products/" + sku))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "catalog:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

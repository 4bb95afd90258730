package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health with the broker, the database and the Shopify integration; Prometheus metrics; unknown paths. */
@HubTest
class OperationsEndpointsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void healthHasTheBrokerTheDatabaseAndTheShopifyIntegration() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(response.body()).path("components");
        assertThat(components.path("broker").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("integrations").path("components").path("shopify").path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void livenessAndReadinessGroupsAnswer() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("components").fieldNames())
                .toIterable().contains("db", "broker").doesNotContain("integrations");
    }

    @Test
    void prometheusHasCamelRouteAndHttpServerMetrics() throws Exception {
        // one order never read before: an HTTP request, a cache miss and a vendor call, so that their metrics exist
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/"
                        + (900000 + new java.util.Random().nextInt(99999))))
                .header("Authorization", "Bearer " + io.switchboard.support.Tokens.forCustomer(
                        io.switchboard.support.Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("camel_exchanges_total{", "routeId=\"orders-shopify-get\"")
                .contains("http_server_requests_seconds_bucket{")
                .contains("switchboard_circuit_open{integration=\"shopify\"")
                .contains("cache_gets_total{cache=\"orders\"")
                .contains("switchboard_integration_calls_total{integration=\"shopify\"")
                .contains("switchboard_integration_call_seconds_bucket{integration=\"shopify\"");
    }

    @Test
    void anUnknownPathIsAProblemNotAnHtmlPage() throws Exception {
        HttpResponse<String> response = get("/no/such/thing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("not_found");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

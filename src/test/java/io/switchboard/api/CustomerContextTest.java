package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/v1/customers/{id}/context: three sources in parallel, a failing one marked, the rest answered. */
@HubTest
class CustomerContextTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, ?> customerCache;

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    @AfterEach
    void fresh() {
        for (String vendor : Sandboxes.VENDORS) {
            Sandboxes.reset(vendor);
        }
        customerCache.invalidateAll();
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @Test
    void answersFromAllThreeSources() throws Exception {
        HttpResponse<String> response = context(Tokens.CUSTOMER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode context = json.readTree(response.body());
        assertThat(context.path("sources").toString()).isEqualTo("{\"crm\":\"ok\",\"orders\":\"ok\",\"helpdesk\":\"ok\"}");
        assertThat(context.path("customer").path("name").asText()).isEqualTo("Bob Norman");
        assertThat(context.path("recentOrders")).hasSize(2);
        assertThat(context.path("recentOrders").get(0).path("orderNumber").asText()).isEqualTo("1002");
        assertThat(context.path("recentOrders").get(0).has("total")).as("summaries only").isFalse();
        assertThat(context.path("openTickets").get(0).path("subject").asText()).isEqualTo("Where is my parcel?");
    }

    @Test
    void aSourceThatIsDownIsMarkedAndTheRestStillAnswered() throws Exception {
        Sandboxes.stop("hubspot");

        HttpResponse<String> response = context(Tokens.CUSTOMER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode context = json.readTree(response.body());
        assertThat(context.path("sources").path("crm").asText()).isEqualTo("unavailable");
        assertThat(context.path("sources").path("orders").asText()).isEqualTo("ok");
        assertThat(context.path("sources").path("helpdesk").asText()).isEqualTo("ok");
        assertThat(context.path("recentOrders")).hasSize(2);
    }

    @Test
    void aSourceTooSlowIsMarkedTimeout() throws Exception {
        Sandboxes.server("zendesk").stubFor(get(urlPathEqualTo("/api/v2/search.json")).atPriority(1)
                .willReturn(aResponse().withFixedDelay(3_000).withBody("{\"results\":[]}")));

        HttpResponse<String> response = context(Tokens.CUSTOMER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode context = json.readTree(response.body());
        assertThat(context.path("sources").path("helpdesk").asText()).isEqualTo("timeout");
        assertThat(context.path("sources").path("crm").asText()).isEqualTo("ok");
    }

    @Test
    void anotherCustomersContextIsNotFound() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/115310627/context"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> context(String customer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + customer
                        + "/context"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(customer, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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

/** GET /api/v1/customers/{customerId} end to end, with HubSpot's sandbox as the CRM. */
@HubTest
class CustomerEndpointTest {

    private static final String CONTACTS = "/crm/v3/objects/contacts/.*";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, ?> customerCache;

    @Autowired
    CircuitBreaker hubspotBreaker;

    @BeforeEach
    void freshState() {
        Sandboxes.reset("hubspot");
        customerCache.invalidateAll();
        hubspotBreaker.reset();
    }

    @AfterEach
    void restoreSandbox() {
        Sandboxes.reset("hubspot");
    }

    @Test
    void answersTheCustomerThemselfFromTheCrm() throws Exception {
        HttpResponse<String> response = get(Tokens.CUSTOMER, Tokens.forCustomer(Tokens.CUSTOMER, "customer:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode customer = json.readTree(response.body());
        assertThat(customer.path("id").asText()).isEqualTo(Tokens.CUSTOMER);
        assertThat(customer.path("name").asText()).isEqualTo("Bob Norman");
        assertThat(customer.path("email").asText()).isEqualTo("bob.norman@hostmail.com");
        assertThat(customer.path("phone").asText()).isEqualTo("555-625-1199");
        assertThat(customer.path("locale").asText()).isEqualTo("en-us");
        assertThat(customer.path("updatedAt").asText()).isEqualTo("2026-11-20T16:50:06.678Z");
    }

    @Test
    void anotherCustomersIdIsNotFoundWithoutAskingTheCrm() throws Exception {
        HttpResponse<String> response = get("115310627", Tokens.forCustomer(Tokens.CUSTOMER, "customer:read"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("not_found");
        Sandboxes.server("hubspot").verify(0, getRequestedFor(urlPathMatching(CONTACTS)));
    }

    @Test
    void aCustomerTheCrmDoesNotKnowIsNotFoundNotAnOutage() throws Exception {
        HttpResponse<String> response = get("999", Tokens.forCustomer("999", "customer:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(hubspotBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theCrmDownIsUnavailableWithItsSource() throws Exception {
        Sandboxes.stop("hubspot");

        HttpResponse<String> response = get(Tokens.CUSTOMER, Tokens.forCustomer(Tokens.CUSTOMER, "customer:read"));

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("crm");
    }

    @Test
    void theSecondReadComesFromTheCache() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "customer:read");

        assertThat(get(Tokens.CUSTOMER, token).statusCode()).isEqualTo(200);
        assertThat(get(Tokens.CUSTOMER, token).statusCode()).isEqualTo(200);

        Sandboxes.server("hubspot").verify(1, getRequestedFor(urlPathMatching(CONTACTS)));
    }

    @Test
    void needsTheScopeAndAWellFormedId() throws Exception {
        assertThat(get(Tokens.CUSTOMER, Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).statusCode()).isEqualTo(403);
        HttpResponse<String> malformed = get("a.b", Tokens.forCustomer("a.b", "customer:read"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("field").asText()).isEqualTo("customerId");
    }

    private HttpResponse<String> get(String customerId, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + customerId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}

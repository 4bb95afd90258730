package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.Problems;
import io.switchboard.support.ShopifySandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the tests of GET /api/v1/orders/{orderNumber} share: the hub on its embedded parts, Shopify on the sandbox
 * (reset, with the order cache and Shopify's breaker, before each test), and the calls and checks they make.
 */
abstract class OrderEndpointCase {

    static final String ORDERS_JSON = "/admin/api/2025-07/orders.json";

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Autowired
    CircuitBreaker shopifyBreaker;

    @BeforeEach
    void freshState() {
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        shopifyBreaker.reset();
    }

    @AfterEach
    void restoreSandbox() {
        ShopifySandbox.reset();
    }

    JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.has("type") && problem.has("title") && problem.has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.");
        return problem;
    }

    HttpResponse<String> getOrder(String orderNumber, String token) throws Exception {
        return send(request("/api/v1/orders/" + orderNumber).header("Authorization", "Bearer " + token).build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/v1/orders/{orderNumber} end to end: the hub on its embedded parts, Shopify on the sandbox. */
@HubTest
class OrderEndpointTest {

    private static final String ORDERS_JSON = "/admin/api/2025-07/orders.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

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

    @Test
    void answersTheCustomersOrderAsASummaryOnly() throws Exception {
        HttpResponse<String> response = getOrder("1002", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("orderNumber").asText()).isEqualTo("1002");
        assertThat(body.path("status").asText()).isEqualTo("in_transit");
        assertThat(body.path("carrier").asText()).isEqualTo("UPS");
        assertThat(body.path("trackingUrl").asText()).startsWith("https://www.ups.com/");
        assertThat(body.path("updatedAt").asText()).isEqualTo("2026-11-21T21:40:02Z");
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSubsetOf("orderNumber", "status", "estimatedDelivery", "carrier", "trackingUrl", "updatedAt");
        assertThat(response.body()).doesNotContain("Chestnut", "409.94", "bob.norman", "207119551");
    }

    @Test
    void refusesAMissingTokenWithAChallenge() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/orders/1001").build());

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        ShopifySandbox.server().verify(0, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() throws Exception {
        String forged = Tokens.sign("some-other-secret-that-is-32-bytes-long!",
                Tokens.claims(Tokens.CUSTOMER, "orders:read").build());

        HttpResponse<String> response = getOrder("1001", forged);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    @Test
    void refusesATokenWithoutTheScope() throws Exception {
        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "kb:read"));

        assertProblem(response, 403, "forbidden");
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAMissingOne() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> othersOrder = getOrder("1003", token);
        HttpResponse<String> missingOrder = getOrder("9999", token);

        assertProblem(othersOrder, 404, "not_found");
        assertProblem(missingOrder, 404, "not_found");
        assertThat(json.readTree(othersOrder.body()).path("title"))
                .isEqualTo(json.readTree(missingOrder.body()).path("title"));
        assertThat(othersOrder.body()).doesNotContain("115310627", "jane");
    }

    @Test
    void refusesAMalformedOrderNumberWithoutCallingTheVendor() throws Exception {
        HttpResponse<String> response = getOrder("..%2F..%2Fetc", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        ShopifySandbox.server().verify(0, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void servesTheSecondReadFromTheCacheWithoutCallingShopify() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> first = getOrder("1001", token);
        HttpResponse<String> second = getOrder("1001", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        ShopifySandbox.server().verify(1, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void vendorRefusingConnectionsIsUnavailableNotNotFound() throws Exception {
        ShopifySandbox.stop();

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        JsonNode problem = assertProblem(response, 503, "upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("orders");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void vendorSlowerThanTheTimeoutIsAGatewayTimeout() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withFixedDelay(4_000).withBody("{\"orders\":[]}")));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        JsonNode problem = assertProblem(response, 504, "upstream_timeout");
        assertThat(problem.path("source").asText()).isEqualTo("orders");
    }

    @Test
    void repeatedVendorFailuresOpenTheBreakerWhichThenAnswersWithoutCallingIt() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withStatus(502)));
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");
        for (int i = 0; i < 5; i++) {
            assertProblem(getOrder("1001", token), 503, "upstream_unavailable");
        }
        ShopifySandbox.server().resetRequests();

        HttpResponse<String> response = getOrder("1001", token);

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(shopifyBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        ShopifySandbox.server().verify(0, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void vendorRateLimitIsPassedOnWithItsRetryAfter() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}")));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertProblem(response, 503, "upstream_rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void aRateLimitWithAShortRetryAfterIsWaitedOutAndServed() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .inScenario("rate limited once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":\"Exceeded 2 calls per second for api client.\"}"))
                .willSetStateTo("served"));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ShopifySandbox.server().verify(2, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void aPassingServerErrorIsRetriedWithBackoffAndServed() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .inScenario("one 502").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("served"));

        HttpResponse<String> response = getOrder("1002", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ShopifySandbox.server().verify(2, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void aServerErrorThatLastsIsRetriedThenUnavailable() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withStatus(500)));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertProblem(response, 503, "upstream_unavailable");
        ShopifySandbox.server().verify(3, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void malformedVendorJsonIsAnUpstreamErrorNotA500() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(okJson("{\"orders\": [ {\"id\": ")));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(response.body()).doesNotContain("\"id\": ");
    }

    @Test
    void connectionResetMidAnswerIsUnavailable() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertProblem(response, 503, "upstream_unavailable");
    }

    @Test
    void echoesTheCallersRequestIdAndMakesOneOtherwise() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> echoed = send(request("/api/v1/orders/1001")
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "chat-42").build());
        HttpResponse<String> generated = getOrder("1001", token);
        HttpResponse<String> refused = send(request("/api/v1/orders/1001").build());

        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("chat-42");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(json.readTree(refused.body()).path("requestId").asText())
                .isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void theRequestIdTheRouteSawIsTheOneOnTheResponse() throws Exception {
        // the route runs on another thread than the servlet filter, after an async hand-off
        HttpResponse<String> response = getOrder("9999", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(json.readTree(response.body()).path("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.has("type") && problem.has("title") && problem.has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.");
        return problem;
    }

    private HttpResponse<String> getOrder(String orderNumber, String token) throws Exception {
        return send(request("/api/v1/orders/" + orderNumber).header("Authorization", "Bearer " + token).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

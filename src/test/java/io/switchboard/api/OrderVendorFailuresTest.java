package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/orders/{orderNumber} when Shopify fails: refused connections, slowness, server errors, rate limits,
 * broken and endless answers become the contract's upstream problems (retried first where a retry may serve), and
 * repeated failures open the breaker.
 */
@HubTest
class OrderVendorFailuresTest extends OrderEndpointCase {

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
    void anAnswerLongerThanTheLimitIsUnavailableAndNotAskedAgain() throws Exception {
        // past switchboard.resilience.max-answer-size (8 MB): sent whole, then in chunks
        String endless = "{\"orders\": [], \"padding\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0).willReturn(okJson(endless)));

        assertProblem(getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")), 503,
                "upstream_unavailable");
        ShopifySandbox.server().verify(1, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));

        ShopifySandbox.server().resetRequests();
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(okJson(endless).withChunkedDribbleDelay(4, 100)));

        assertProblem(getOrder("1002", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")), 503,
                "upstream_unavailable");
        ShopifySandbox.server().verify(1, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void connectionResetMidAnswerIsUnavailable() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertProblem(response, 503, "upstream_unavailable");
    }
}

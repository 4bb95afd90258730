package io.switchboard.connectors.woocommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.Order;
import io.switchboard.resilience.UpstreamFailures;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The WooCommerce adapter's routes on the running hub against the WooCommerce sandbox, whichever provider serves the
 * API: success, not found, the vendor's rate limit, outages, a breaker that opens, malformed answers and a slow shop.
 */
@HubTest
class WooCommerceOrdersTest {

    private static final String ORDER_1001 = "/wp-json/wc/v3/orders/1001";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Autowired
    UpstreamFailures failures;

    @Autowired
    CircuitBreaker woocommerceBreaker;

    /** The first vendor call after the hub starts can outlast the test profile's short timeout on a busy machine. */
    private static boolean warm;

    @BeforeEach
    void freshState() {
        if (!warm) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> call("direct:orders.woocommerce.order.get", "1002").getException() == null);
            warm = true;
        }
        Sandboxes.reset("woocommerce");
        woocommerceBreaker.reset();
    }

    @AfterEach
    void restoreSandbox() {
        Sandboxes.reset("woocommerce");
        woocommerceBreaker.reset();
    }

    @Test
    void readsAnOrderWithTheRestApiKeyAsBasicCredentials() {
        Order order = (Order) call("direct:orders.woocommerce.order.get", "1002").getMessage().getBody();

        assertThat(order.orderNumber()).isEqualTo("1002");
        assertThat(order.shipment().carrier()).isEqualTo("UPS");
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                "ck_sandbox_not_a_secret:cs_sandbox_not_a_secret".getBytes(StandardCharsets.UTF_8));
        sandbox().verify(1, getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders/1002"))
                .withHeader("Authorization", equalTo(basic)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheCustomersLatestOrdersNewestFirst() {
        List<Order> orders = (List<Order>) call("direct:orders.woocommerce.customer.recent", "207119551")
                .getMessage().getBody();

        assertThat(orders).extracting(Order::orderNumber).containsExactly("1002", "1001");
        sandbox().verify(getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders"))
                .withQueryParam("customer", equalTo("207119551")).withQueryParam("orderby", equalTo("date"))
                .withQueryParam("order", equalTo("desc")).withQueryParam("per_page", equalTo("5")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCustomerIdWooCommerceCannotHaveHasNoOrdersWithoutAsking() {
        List<Order> orders = (List<Order>) call("direct:orders.woocommerce.customer.recent", "crm-42")
                .getMessage().getBody();

        assertThat(orders).isEmpty();
        sandbox().verify(0, getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders")));
    }

    @Test
    void aMissingOrderIsNotFoundAndNotRetried() {
        assertThat(failure(call("direct:orders.woocommerce.order.get", "9999")).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure(call("direct:orders.woocommerce.order.get", "A-9")).code()).isEqualTo(ErrorCode.NOT_FOUND);
        sandbox().verify(1, getRequestedFor(urlPathMatching("/wp-json/wc/v3/orders/.*")));
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndServed() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0)
                .inScenario("rate limited once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"code\":\"rate_limited\",\"message\":\"Too many requests\",\"data\":{\"status\":429}}"))
                .willSetStateTo("served"));

        Exchange exchange = call("direct:orders.woocommerce.order.get", "1001");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Order.class).orderNumber()).isEqualTo("1001");
        sandbox().verify(2, getRequestedFor(urlPathEqualTo(ORDER_1001)));
    }

    @Test
    void aRateLimitBeyondTheRetriesIsUpstreamRateLimitedWithItsRetryAfter() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        ApiException error = failure(call("direct:orders.woocommerce.order.get", "1001"));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(error.retryAfter()).hasSeconds(30);
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerWhichThenRefusesWithoutCalling() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0).willReturn(aResponse().withStatus(503)
                .withBody("<html>Service Unavailable</html>")));
        for (int i = 0; i < 5; i++) {
            assertThat(failure(call("direct:orders.woocommerce.order.get", "1001")).code())
                    .isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        }
        sandbox().resetRequests();

        ApiException refused = failure(call("direct:orders.woocommerce.order.get", "1001"));

        assertThat(woocommerceBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(refused.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(refused.retryAfter()).hasSeconds(30);
        sandbox().verify(0, getRequestedFor(urlPathEqualTo(ORDER_1001)));
    }

    @Test
    void malformedJsonIsAnUpstreamFailureNotAnError() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0).willReturn(okJson("{\"id\": 1001, \"number\": ")));

        assertThat(failure(call("direct:orders.woocommerce.order.get", "1001")).code())
                .isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aShopSlowerThanTheTimeoutIsAnUpstreamTimeout() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0)
                .willReturn(aResponse().withFixedDelay(4_000).withBody("{}")));

        assertThat(failure(call("direct:orders.woocommerce.order.get", "1001")).code())
                .isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
    }

    @Test
    void refusedCredentialsAreAnOutageNotNotFound() {
        sandbox().stubFor(get(urlPathEqualTo(ORDER_1001)).atPriority(0).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry, you cannot view this resource.\",\"data\":{\"status\":401}}")));

        assertThat(failure(call("direct:orders.woocommerce.order.get", "1001")).code())
                .isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        sandbox().verify(1, getRequestedFor(urlPathEqualTo(ORDER_1001)));
    }

    private Exchange call(String endpoint, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return producer.send(endpoint, exchange);
    }

    private ApiException failure(Exchange exchange) {
        assertThat(exchange.getException()).as("the call failed").isNotNull();
        return failures.classify(exchange.getException(), "orders").orElseThrow();
    }

    private static WireMockServer sandbox() {
        return Sandboxes.server("woocommerce");
    }
}

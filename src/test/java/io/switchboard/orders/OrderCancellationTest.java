package io.switchboard.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * POST /api/v1/orders/{orderNumber}/cancellation end to end: the hub on its embedded parts, the job on the real
 * broker, Shopify on the sandbox.
 */
@HubTest
class OrderCancellationTest {

    private static final String CANCEL_1001 = "/admin/api/2025-07/orders/450789469/cancel.json";
    private static final String ORDERS_JSON = "/admin/api/2025-07/orders.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JmsTemplate jms;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Autowired
    CircuitBreaker shopifyBreaker;

    /** The first vendor call after the hub starts can outlast the test profile's short timeout on a busy machine. */
    private static boolean warm;

    @BeforeEach
    void freshState() throws Exception {
        if (!warm) {
            String reader = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/v1/orders/1001")).header("Authorization", "Bearer " + reader)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            warm = true;
        }
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        shopifyBreaker.reset();
        jdbc.update("DELETE FROM order_cancellations");
    }

    @AfterEach
    void restore() {
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        shopifyBreaker.reset();
    }

    @Test
    void aCustomerWhoHasNotProvedWhoTheyAreMustStepUp() throws Exception {
        HttpResponse<String> unverified = cancel("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read orders:write"));

        assertProblem(unverified, 403, "step_up_required");
        assertThat(cancellations()).isZero();
        ShopifySandbox.server().verify(0, postRequestedFor(urlPathMatching(".*/cancel.json")));
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAMissingOne() throws Exception {
        String token = Tokens.verified(Tokens.CUSTOMER, "orders:write");

        HttpResponse<String> othersOrder = cancel("1003", token);
        HttpResponse<String> missing = cancel("9999", token);

        assertProblem(othersOrder, 404, "not_found");
        assertProblem(missing, 404, "not_found");
        assertThat(othersOrder.body()).doesNotContain("115310627", "jane", "delivered");
        assertThat(cancellations()).isZero();
    }

    @Test
    void anOrderOnItsWayIsAConflictAndNoJob() throws Exception {
        HttpResponse<String> response = cancel("1002", Tokens.verified(Tokens.CUSTOMER, "orders:write"));

        assertProblem(response, 409, "conflict");
        assertThat(cancellations()).isZero();
        ShopifySandbox.server().verify(0, postRequestedFor(urlPathMatching(".*/cancel.json")));
    }

    @Test
    void cancelsOnceAtTheVendorHoweverOftenAskedAndPublishesTheOutcome() throws Exception {
        String token = Tokens.verified(Tokens.CUSTOMER, "orders:write");
        try (Events events = new Events(connectionFactory)) {
            HttpResponse<String> first = cancel("1001", token);
            HttpResponse<String> second = cancel("1001", token);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(json.readTree(first.body())).isEqualTo(json.readTree(
                    "{\"orderNumber\":\"1001\",\"status\":\"cancellation_requested\"}"));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
            assertThat(second.body()).isEqualTo(first.body());

            JsonNode event = events.next(e -> "order.cancelled".equals(e.path("type").asText())
                    && "1001".equals(e.path("subject").asText()));
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("source").asText()).isEqualTo("/switchboard/orders/cancellations");
            assertThat(event.path("customerid").asText()).isEqualTo(Tokens.CUSTOMER);
            assertThat(event.path("data").path("status").asText()).isEqualTo("cancelled");
            assertThat(event.path("id").asText()).isEqualTo("cancellation:" + jobId("1001"));
        }
        assertThat(state("1001")).isEqualTo("cancelled");
        await("evicted on every instance after the cancel").atMost(Duration.ofSeconds(5))
                .until(() -> orderCache.getIfPresent("1001") == null);
        HttpResponse<String> afterwards = cancel("1001", token);

        assertThat(afterwards.statusCode()).isEqualTo(202);
        assertThat(cancellations()).isEqualTo(1);
        ShopifySandbox.server().verify(1, postRequestedFor(urlPathEqualTo(CANCEL_1001))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("customer"))));
    }

    @Test
    void anOrderCancelledAtTheVendorAlreadyIsAcceptedWithoutAJob() throws Exception {
        ObjectNode cancelled = (ObjectNode) json.readTree(Files.readString(
                Path.of("sandbox/shopify/__files/orders/1001-cancelled.json")));
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .withQueryParam("name", equalTo("#1001"))
                .willReturn(okJson("{\"orders\":[" + cancelled.path("order") + "]}")));

        HttpResponse<String> response = cancel("1001", Tokens.verified(Tokens.CUSTOMER, "orders:write"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(cancellations()).isZero();
        ShopifySandbox.server().verify(0, postRequestedFor(urlPathMatching(".*/cancel.json")));
    }

    @Test
    void aVendorThatRefusesTheCancelFailsItAtOnce() throws Exception {
        ShopifySandbox.server().stubFor(post(urlPathEqualTo(CANCEL_1001)).atPriority(0)
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Cannot cancel an order that has been fulfilled\"}")));
        try (Events events = new Events(connectionFactory)) {
            assertThat(cancel("1001", Tokens.verified(Tokens.CUSTOMER, "orders:write")).statusCode()).isEqualTo(202);

            JsonNode event = events.next(e -> "order.cancellation_failed".equals(e.path("type").asText())
                    && "1001".equals(e.path("subject").asText()));

            assertThat(event.path("data").path("reason").asText()).isEqualTo("not_cancellable");
        }
        assertThat(state("1001")).isEqualTo("failed");
        ShopifySandbox.server().verify(1, postRequestedFor(urlPathEqualTo(CANCEL_1001)));
    }

    private int cancellations() {
        return jdbc.queryForObject("SELECT count(*) FROM order_cancellations", Integer.class);
    }

    private String state(String orderNumber) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT state FROM order_cancellations WHERE order_number = ?", String.class, orderNumber),
                state -> !"requested".equals(state));
    }

    private String jobId(String orderNumber) {
        return jdbc.queryForObject("SELECT job_id FROM order_cancellations WHERE order_number = ?", String.class,
                orderNumber);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> cancel(String orderNumber, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/" + orderNumber
                        + "/cancellation")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A subscriber to switchboard.events, subscribed before the request is posted. */
    static final class Events implements AutoCloseable {
        private final Connection connection;
        private final MessageConsumer consumer;
        private final ObjectMapper json = new ObjectMapper();

        Events(ConnectionFactory factory) throws Exception {
            connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createTopic("switchboard.events"));
            connection.start();
        }

        JsonNode next(Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                Message message = consumer.receive(500);
                if (message instanceof TextMessage text) {
                    JsonNode event = json.readTree(text.getText());
                    if (wanted.test(event)) {
                        return event;
                    }
                }
            }
            throw new AssertionError("no such event on switchboard.events");
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}

package io.switchboard.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.support.DeadLetters;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Order cancellations whose vendor stays down: the job is retried on schedule, then dead-lettered like every job, so
 * the admin API lists it ({@code source=order-cancellation}) and replays it once the vendor is back.
 */
@HubTest
class OrderCancellationDeadLettersTest {

    private static final String CANCEL_1001 = "/admin/api/2025-07/orders/450789469/cancel.json";
    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    MeterRegistry metrics;

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
        jdbc.update("DELETE FROM order_cancellations");
    }

    @AfterEach
    void restore() {
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        shopifyBreaker.reset();
    }

    @Test
    void aFailingVendorIsRetriedOnScheduleThenDeadLetteredAndReportedFailed() throws Exception {
        double retriedBefore = jobCounter("switchboard.jobs.retried");
        double deadLetteredBefore = outcomeCounter("dead_lettered");
        vendorFails();
        try (OrderCancellationTest.Events events = new OrderCancellationTest.Events(connectionFactory)) {
            assertThat(cancel("1001").statusCode()).isEqualTo(202);
            String jobId = jobId("1001");

            JsonNode event = events.next(e -> ("cancellation:" + jobId).equals(e.path("id").asText()));

            assertThat(event.path("type").asText()).isEqualTo("order.cancellation_failed");
            assertThat(event.path("data").path("reason").asText()).isEqualTo("vendor_unavailable");
            JsonNode deadLetter = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(jobId), d -> d != null);
            assertThat(deadLetter.path("source").asText()).isEqualTo("order-cancellation");
            assertThat(deadLetter.path("attempts").asInt()).isEqualTo(3);
            assertThat(deadLetter.path("reason").asText()).contains("500");
        }
        assertThat(jobCounter("switchboard.jobs.retried")).isEqualTo(retriedBefore + 2);
        assertThat(jobCounter("switchboard.jobs.dead.lettered")).isGreaterThanOrEqualTo(1);
        assertThat(outcomeCounter("dead_lettered")).isEqualTo(deadLetteredBefore + 1);
        assertThat(state("1001")).isEqualTo("failed");
        int calls = ShopifySandbox.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(CANCEL_1001)).build())
                .getCount();
        assertThat(calls).as("each of the three attempts called the vendor").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDeadLetteredCancellationIsReplayedOnceTheVendorIsBack() throws Exception {
        vendorFails();
        assertThat(cancel("1001").statusCode()).isEqualTo(202);
        String jobId = jobId("1001");
        JsonNode deadLetter = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(jobId), d -> d != null);
        assertThat(state("1001")).isEqualTo("failed");

        ShopifySandbox.reset();
        shopifyBreaker.reset();
        try (OrderCancellationTest.Events events = new OrderCancellationTest.Events(connectionFactory)) {
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/admin/dead-letters/" + deadLetter.path("id").asText() + "/replay"))
                    .header("X-Api-Key", ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);

            JsonNode event = events.next(e -> "order.cancelled".equals(e.path("type").asText())
                    && ("cancellation:" + jobId).equals(e.path("id").asText()));
            assertThat(event.path("data").path("status").asText()).isEqualTo("cancelled");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(jdbc.queryForObject(
                "SELECT state FROM order_cancellations WHERE order_number = '1001'", String.class)));
        assertThat(deadLetter(jobId)).as("replayed, so no longer a dead letter").isNull();
        ShopifySandbox.server().verify(1, postRequestedFor(urlPathEqualTo(CANCEL_1001)));
    }

    private void vendorFails() {
        ShopifySandbox.server().stubFor(post(urlPathEqualTo(CANCEL_1001)).atPriority(0)
                .willReturn(aResponse().withStatus(500)));
    }

    private JsonNode deadLetter(String jobId) throws Exception {
        return DeadLetters.find(port, "order-cancellation", jobId);
    }

    private HttpResponse<String> cancel(String orderNumber) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/" + orderNumber
                        + "/cancellation"))
                .header("Authorization", "Bearer " + Tokens.verified(Tokens.CUSTOMER, "orders:write"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
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

    private double jobCounter(String name) {
        var counter = metrics.find(name).tag("job", "order-cancellation").counter();
        return counter == null ? 0 : counter.count();
    }

    private double outcomeCounter(String outcome) {
        var counter = metrics.find("switchboard.order.cancellations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

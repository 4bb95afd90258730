package io.switchboard.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the outbound webhook tests share: a subscriber (a JDK HTTP server in the test) that records what it receives
 * and fails as told, started before each test with the hub's subscriptions cleared after it, and the admin API's
 * calls.
 */
abstract class SubscriberWebhooksCase {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    /** One request the subscriber received. */
    record Received(Map<String, String> headers, String body) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The status the subscriber answers with, and how many requests in a row still get it before a 204. */
    private final AtomicInteger failStatus = new AtomicInteger(500);
    final AtomicInteger failuresLeft = new AtomicInteger(0);
    private HttpServer subscriber;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry metrics;

    @BeforeEach
    void startSubscriber() throws Exception {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/hook", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(headers, body));
            int status = failuresLeft.getAndDecrement() > 0 ? failStatus.get() : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        subscriber.start();
    }

    @AfterEach
    void stopSubscriber() {
        subscriber.stop(0);
        jdbc.update("DELETE FROM webhook_subscriptions");
    }

    String customer() {
        return io.switchboard.support.Tokens.CUSTOMER;
    }

    String hookUrl() {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook";
    }

    List<Received> deliveries(String conversation) {
        return received.stream().filter(r -> r.body().contains("\"" + conversation + "\"")).toList();
    }

    List<Received> awaitDeliveries(String conversation, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(conversation).size() >= count);
        return deliveries(conversation);
    }

    double delivered(String subscriber, String outcome) {
        Counter counter = metrics.find("switchboard.subscriber.deliveries").tag("subscriber", subscriber)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    JsonNode create(String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/admin/subscriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    JsonNode post(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        if (built.headers().firstValue("X-Api-Key").isEmpty()) {
            request.header("X-Api-Key", ADMIN_KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

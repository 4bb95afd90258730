package io.switchboard.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The catalog's events (docs/events.md) as a subscriber to all of them receives them: order events from Shopify's
 * and WooCommerce's signed order webhooks (once, however often the vendor delivers), and {@code ticket.created} when
 * the hub opens a ticket.
 */
@HubTest
class DomainEventCatalogTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void subscribeToEverything() throws Exception {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/events", exchange -> {
            received.add(json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        subscriber.start();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/subscriptions")).header("X-Api-Key", "test-admin-key-0123456789abcdef")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"everything\",\"url\":\"http://127.0.0.1:"
                        + subscriber.getAddress().getPort() + "/events\",\"eventTypes\":[\"*\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void unsubscribe() {
        subscriber.stop(0);
        jdbc.update("DELETE FROM webhook_subscriptions");
    }

    @Test
    void shopifysFulfilledOrderIsOrderShippedOnceHoweverOftenItIsDelivered() throws Exception {
        String body = Files.readString(Path.of("sandbox/shopify/webhooks/orders/fulfilled.json"));
        String webhookId = UUID.randomUUID().toString();

        assertThat(Webhooks.postShopify(port, "orders/fulfilled", webhookId, body).statusCode()).isEqualTo(200);
        assertThat(Webhooks.postShopify(port, "orders/fulfilled", webhookId, body).statusCode()).isEqualTo(200);

        JsonNode event = awaitEvent(e -> "order.shipped".equals(e.path("type").asText())
                && "/webhooks/shopify".equals(e.path("source").asText()));
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("subject").asText()).isEqualTo("1001");
        assertThat(event.path("customerid").asText()).isEqualTo("207119551");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("data").path("vendorEventType").asText()).isEqualTo("orders/fulfilled");
        assertThat(event.path("time").asText()).isNotBlank();
        Thread.sleep(500);   // room for a second delivery, which must not come
        assertThat(received.stream().filter(e -> e.path("id").equals(event.path("id")))).hasSize(1);
    }

    @Test
    void wooCommerceOrderUpdatesAreShippedCancelledOrAStatusChange() throws Exception {
        String completed = Files.readString(Path.of("sandbox/woocommerce/webhooks/order.updated.json"));
        String cancelled = completed.replace("\"status\": \"completed\"", "\"status\": \"cancelled\"");
        String processing = completed.replace("\"status\": \"completed\"", "\"status\": \"processing\"");
        assertThat(cancelled).isNotEqualTo(completed);

        for (String body : List.of(completed, cancelled, processing)) {
            HttpResponse<String> response = Webhooks.postWooCommerce(port, "order.updated",
                    UUID.randomUUID().toString(), body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        for (String type : List.of("order.shipped", "order.cancelled", "order.status_changed")) {
            JsonNode event = awaitEvent(e -> type.equals(e.path("type").asText())
                    && "/webhooks/woocommerce".equals(e.path("source").asText()));
            assertThat(event.path("subject").asText()).isEqualTo("1001");
            assertThat(event.path("customerid").asText()).isEqualTo("207119551");
        }
        assertThat(awaitEvent(e -> "order.status_changed".equals(e.path("type").asText())
                && "/webhooks/woocommerce".equals(e.path("source").asText())).path("data").path("status").asText())
                .isEqualTo("processing");
    }

    @Test
    void aTicketTheHubOpensIsTicketCreated() throws Exception {
        Sandboxes.reset("zendesk");
        String conversation = "conv-" + UUID.randomUUID();
        String request = "{\"conversationId\":\"" + conversation + "\",\"subject\":\"Where is my parcel?\","
                + "\"transcript\":[{\"role\":\"customer\",\"text\":\"It has not arrived\",\"at\":\"2026-11-24T06:00:00Z\"}]}";

        HttpResponse<String> first = openTicket(request);
        HttpResponse<String> again = openTicket(request);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        String ticketId = json.readTree(first.body()).path("ticketId").asText();
        JsonNode event = awaitEvent(e -> "ticket.created".equals(e.path("type").asText())
                && conversation.equals(e.path("data").path("conversationId").asText()));
        assertThat(event.path("subject").asText()).isEqualTo(ticketId);
        assertThat(event.path("source").asText()).isEqualTo("/switchboard/tickets");
        assertThat(event.path("customerid").asText()).isEqualTo(Tokens.CUSTOMER);
        assertThat(event.toString()).doesNotContain("It has not arrived");
        Thread.sleep(500);
        assertThat(received.stream().filter(e -> "ticket.created".equals(e.path("type").asText())
                && conversation.equals(e.path("data").path("conversationId").asText()))).hasSize(1);
    }

    private HttpResponse<String> openTicket(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitEvent(java.util.function.Predicate<JsonNode> wanted) {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(wanted));
        return received.stream().filter(wanted).findFirst().orElseThrow();
    }
}

package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.ingress.verification.Signatures;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WooCommerce's and an in-house system's order webhooks on the running hub: verified, deduped by the vendor's
 * delivery id, and evicting the order they name on every instance, as Shopify's do.
 */
@HubTest
class OrderWebhooksTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Test
    void aWooCommerceOrderWebhookEvictsTheOrderAndItsRepeatIsADuplicate() throws Exception {
        cacheOrder1001();
        String body = Files.readString(Path.of("sandbox/woocommerce/webhooks/order.updated.json"));
        String deliveryId = UUID.randomUUID().toString();

        try (EventListener events = new EventListener(connectionFactory)) {
            HttpResponse<String> response = Webhooks.postWooCommerce(port, "order.updated", deliveryId, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("duplicate").asBoolean()).isFalse();
            JsonNode event = events.next(deliveryId);
            assertThat(event.path("source").asText()).isEqualTo("woocommerce");
            assertThat(event.path("type").asText()).isEqualTo("order.updated");
            assertThat(event.path("subjects").path("order").asText()).isEqualTo("1001");
            assertThat(event.path("subjects").path("customer").asText()).isEqualTo("207119551");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> orderCache.getIfPresent("1001") == null);

        HttpResponse<String> repeat = Webhooks.postWooCommerce(port, "order.updated", deliveryId, body);
        assertThat(json.readTree(repeat.body()).path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void aTamperedOrWronglySignedWooCommerceDeliveryIsRefused() throws Exception {
        String body = Files.readString(Path.of("sandbox/woocommerce/webhooks/order.updated.json"));
        String signedByAnother = Signatures.base64Hmac("another-secret", body);
        String ofAnotherBody = Signatures.base64Hmac(Webhooks.WOOCOMMERCE_SECRET, body + " ");

        HttpResponse<String> unsigned = Webhooks.post(port, "woocommerce", body, "X-WC-Webhook-Topic", "order.updated");
        HttpResponse<String> wrong = Webhooks.post(port, "woocommerce", body, "X-WC-Webhook-Signature", signedByAnother);
        HttpResponse<String> tampered = Webhooks.post(port, "woocommerce", body, "X-WC-Webhook-Signature", ofAnotherBody);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).path("code").asText()).isEqualTo("invalid_signature");
    }

    @Test
    void wooCommercesPingOnCreatingAWebhookIsAcknowledgedAndNotKept() throws Exception {
        int before = receipts("woocommerce");

        HttpResponse<String> response = Webhooks.post(port, "woocommerce", "webhook_id=42",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("id").asText()).isEqualTo("ping");
        assertThat(receipts("woocommerce")).isEqualTo(before);
    }

    @Test
    void anInHouseOrderStatusWebhookIsVerifiedAndEvictsTheOrder() throws Exception {
        cacheOrder1001();
        String body = Files.readString(Path.of("sandbox/order-status/webhooks/order.status_changed.json"));
        String id = "os-" + UUID.randomUUID();

        try (EventListener events = new EventListener(connectionFactory)) {
            HttpResponse<String> response = Webhooks.postOrderStatus(port, "order.status_changed", id, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(events.next(id).path("subjects").path("order").asText()).isEqualTo("1001");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> orderCache.getIfPresent("1001") == null);

        HttpResponse<String> stale = Webhooks.post(port, "order-status", body, "X-Webhook-Signature", "sha256=00",
                "X-Webhook-Timestamp", "1700000000");
        assertThat(stale.statusCode()).isEqualTo(401);
    }

    private void cacheOrder1001() throws Exception {
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/1001"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(orderCache.getIfPresent("1001")).isNotNull();
    }

    private int receipts(String source) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_receipts WHERE source = ?", Integer.class, source);
    }
}

package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Webhooks;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shopify's mandatory compliance webhooks on the shopify source: signed, each does its job (the export stored and
 * announced, the erasure started, the shop's data gone); with a bad signature, refused and nothing done.
 */
@HubTest
class ShopifyComplianceTest {

    private static final String SHOP = "switchboard-sandbox.myshopify.com";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connections;

    private PrivacyClient privacy;
    private String privacyKey;
    private String customer;

    @BeforeEach
    void fresh() {
        Sandboxes.reset("hubspot");
        Sandboxes.reset("zendesk");
        privacyKey = keys.mint("privacy office", Set.of("privacy:admin"), null).secret();
        privacy = new PrivacyClient(port, privacyKey);
        customer = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    @Test
    void aDataRequestStoresTheExportForTheOperatorAndAnnouncesIt() throws Exception {
        privacy.consent(customer, false, true);
        privacy.message(customer, "conv-" + customer, "Where is order 1001");
        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("switchboard.events"),
                    "eventType = 'privacy.data_request.exported'");
            connection.start();

            HttpResponse<String> response = Webhooks.postShopify(port, "customers/data_request", webhookId(),
                    "{\"shop_id\":954889,\"shop_domain\":\"" + SHOP + "\",\"orders_requested\":[299938,280263],"
                            + "\"customer\":{\"id\":" + customer + ",\"email\":\"john@example.com\",\"phone\":\"555-625-1199\"},"
                            + "\"data_request\":{\"id\":9999}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            JsonNode announced = announcement(events);
            assertThat(announced.path("type").asText()).isEqualTo("privacy.data_request.exported");
            assertThat(announced.path("payload").path("dataRequestId").asText()).isEqualTo("9999");
            assertThat(announced.toString()).doesNotContain("john@example.com", "Where is order");
            String exportId = announced.path("payload").path("exportId").asText();

            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/privacy/exports/" + exportId)).header("X-Api-Key", privacyKey).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            JsonNode document = json.readTree(stored.body());
            assertThat(document.path("customerId").asText()).isEqualTo(customer);
            assertThat(document.path("conversationEvents").get(0).path("text").asText()).isEqualTo("Where is order 1001");
            assertThat(jdbc.queryForObject("SELECT document_sealed FROM privacy_exports WHERE export_id = ?",
                    byte[].class, exportId)).asString().doesNotContain("Where is order");
        }
    }

    @Test
    void aRedactErasesTheCustomerAndLeavesShopifyToShopify() throws Exception {
        privacy.consent(customer, false, true);
        privacy.message(customer, "conv-" + customer, "Forget me");

        HttpResponse<String> response = Webhooks.postShopify(port, "customers/redact", webhookId(),
                "{\"shop_id\":954889,\"shop_domain\":\"" + SHOP + "\",\"customer\":{\"id\":" + customer
                        + ",\"email\":\"john@example.com\",\"phone\":\"555-625-1199\"},\"orders_to_redact\":[29,30]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> requestOf(customer) != null);
        String requestId = requestOf(customer);
        await().atMost(Duration.ofSeconds(20)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
        assertThat(privacy.request(requestId).path("origin").asText()).isEqualTo("shopify");
        assertThat(privacy.status(requestId, "shopify")).isEqualTo("not_applicable");
        assertThat(privacy.status(requestId, "hubspot")).isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE customer_id = ?", Integer.class,
                customer)).isZero();
    }

    @Test
    void aShopRedactErasesWhatIsHeldForTheShop() throws Exception {
        Webhooks.postShopify(port, "customers/data_request", webhookId(), "{\"shop_id\":954889,\"shop_domain\":\""
                + SHOP + "\",\"customer\":{\"id\":" + customer + "},\"data_request\":{\"id\":1}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM privacy_exports"
                + " WHERE customer_hash = ?", Integer.class, ErasureRequests.fingerprint(customer)) == 1);

        HttpResponse<String> response = Webhooks.postShopify(port, "shop/redact", webhookId(),
                "{\"shop_id\":954889,\"shop_domain\":\"" + SHOP + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> exportsOf(SHOP) == 0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM erasure_requests WHERE origin = 'shopify:shop/redact'"
                + " AND customer_hash = ? AND completed_at IS NOT NULL", Integer.class,
                ErasureRequests.fingerprint("shop:" + SHOP))).isEqualTo(1);
    }

    @Test
    void aComplianceWebhookWithABadSignatureIsRefusedAndDoesNothing() throws Exception {
        String body = "{\"shop_id\":954889,\"shop_domain\":\"" + SHOP + "\",\"customer\":{\"id\":" + customer + "}}";

        HttpResponse<String> response = Webhooks.post(port, "shopify", body, "X-Shopify-Hmac-Sha256",
                "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ==", "X-Shopify-Topic", "customers/redact",
                "X-Shopify-Webhook-Id", webhookId(), "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        Thread.sleep(500);
        assertThat(requestOf(customer)).isNull();
    }

    private JsonNode announcement(MessageConsumer events) throws Exception {
        Message message = events.receive(15_000);
        assertThat(message).as("the announcement on switchboard.events").isInstanceOf(TextMessage.class);
        return json.readTree(((TextMessage) message).getText());
    }

    private String requestOf(String customerId) {
        List<String> ids = jdbc.queryForList("SELECT request_id FROM erasure_requests WHERE customer_hash = ?",
                String.class, ErasureRequests.fingerprint(customerId));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private int exportsOf(String shop) {
        return jdbc.queryForObject("SELECT count(*) FROM privacy_exports WHERE shop_domain = ?", Integer.class, shop);
    }

    private static String webhookId() {
        return "b54557e4-" + UUID.randomUUID();
    }
}

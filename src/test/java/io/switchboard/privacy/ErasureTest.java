package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.model.Customer;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.Sandboxes;
import jakarta.jms.BytesMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Export and erasure end to end on the shared hub (HubSpot, Zendesk, Shopify): what the export holds before and
 * after, what is left in the store, the caches and the dead letters, each vendor asked once however often the
 * erasure is asked, and a vendor that is down retried until it erases.
 */
@HubTest
class ErasureTest {

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JmsTemplate jms;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, Customer> customerCache;

    @Autowired
    CircuitBreaker zendeskBreaker;

    private PrivacyClient privacy;
    private String customer;

    @BeforeEach
    void fresh() {
        Sandboxes.reset("hubspot");
        Sandboxes.reset("zendesk");
        zendeskBreaker.reset();
        privacy = new PrivacyClient(port, keys.mint("privacy office", Set.of("privacy:admin"), null).secret());
        customer = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    @AfterEach
    void restore() {
        Sandboxes.reset("zendesk");
        zendeskBreaker.reset();
    }

    @Test
    void anExportHoldsEverythingAndAfterErasureNothingPersonal() throws Exception {
        assertThat(privacy.consent(customer, false, true).statusCode()).isEqualTo(200);
        String eventId = privacy.message(customer, "conv-" + customer, "Call me on 555-0142 about my parcel");
        jdbc.update("INSERT INTO tickets (conversation_id, customer_id, ticket_id, url, priority) VALUES (?, ?, ?, ?, ?)",
                "conv-" + customer, customer, "35436", "https://example.zendesk.com/agent/tickets/35436", "normal");
        deadLetter("{\"id\":1,\"customer\":{\"id\":" + customer + ",\"email\":\"erase.me@example.com\"}}");
        customerCache.put(customer, new Customer(customer, "Erase Me", "erase.me@example.com", null, null, null,
                null, Instant.now()));

        JsonNode before = exported();
        assertThat(before.path("version").asInt()).isEqualTo(1);
        assertThat(before.path("conversationEvents").get(0).path("eventId").asText()).isEqualTo(eventId);
        assertThat(before.path("conversationEvents").get(0).path("text").asText()).contains("555-0142");
        assertThat(before.path("consent").path("transcriptStorage").asBoolean()).isTrue();
        assertThat(before.path("consent").path("history")).hasSize(1);
        assertThat(before.path("tickets").get(0).path("ticketId").asText()).isEqualTo("35436");
        assertThat(before.path("deadLetters").get(0).path("payload").path("customer").path("email").asText())
                .isEqualTo("erase.me@example.com");
        assertThat(before.path("auditEntries").size()).isPositive();

        String requestId = privacy.erased(customer);
        assertThat(privacy.erased(customer)).isEqualTo(requestId);
        await().atMost(Duration.ofSeconds(20)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
        assertThat(privacy.erased(customer)).as("asked again after it is done").isEqualTo(requestId);
        await().atMost(Duration.ofSeconds(20)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));

        assertThat(privacy.status(requestId, "switchboard")).isEqualTo("completed");
        assertThat(privacy.status(requestId, "hubspot")).isEqualTo("completed");
        assertThat(privacy.status(requestId, "zendesk")).isEqualTo("completed");
        assertThat(privacy.status(requestId, "shopify")).isEqualTo("manual_action_required");
        assertThat(privacy.system(requestId, "shopify").path("reason").asText()).contains("Erase personal data");
        assertThat(privacy.status(requestId, "salesforce")).isEqualTo("not_applicable");
        assertThat(privacy.status(requestId, "jira")).isEqualTo("not_applicable");
        // every vendor with an erase route is asked, Zoho too, which is not connected here
        assertThat(privacy.status(requestId, "zoho")).isEqualTo("not_applicable");

        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/gdpr-delete"))
                .withRequestBody(matchingJsonPath("$.objectId", equalTo(customer))));
        Sandboxes.server("zendesk").verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/users/" + customer)));
        Sandboxes.server("zendesk").verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/deleted_users/" + customer)));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE actor = ? OR action LIKE ?",
                Integer.class, "jwt:" + customer, "%/customers/" + customer + "%"))
                .as("audit entries keep what happened, not whom it was about").isZero();

        String after = privacy.export(customer).body();
        JsonNode exported = json.readTree(after);
        assertThat(exported.path("conversationEvents")).isEmpty();
        assertThat(exported.path("consent").path("history")).isEmpty();
        assertThat(exported.path("tickets")).isEmpty();
        assertThat(exported.path("deadLetters")).isEmpty();
        assertThat(exported.path("erasureRequests").get(0).path("requestId").asText()).isEqualTo(requestId);
        assertThat(after).doesNotContain("555-0142", "erase.me@example.com");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE customer_id = ?", Integer.class,
                customer)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tickets WHERE customer_id = ?", Integer.class, customer))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT customer_id FROM erasure_requests WHERE request_id = ?", String.class,
                requestId)).as("the settled proof names no one").isNull();
        assertThat(customerCache.getIfPresent(customer)).isNull();
        assertThat(deadLetterBodies()).noneMatch(body -> body.contains("erase.me@example.com"));
    }

    @Test
    void aVendorDownIsFailedThenCompletedOnceItIsBack() throws Exception {
        Sandboxes.stop("zendesk");

        String requestId = privacy.erased(customer);

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(privacy.status(requestId, "zendesk"))
                && !"pending".equals(privacy.status(requestId, "hubspot")));
        JsonNode failed = privacy.system(requestId, "zendesk");
        assertThat(failed.path("lastError").asText()).isNotBlank();
        assertThat(Instant.parse(failed.path("nextAttemptAt").asText())).isAfter(Instant.now().minusSeconds(5));
        assertThat(privacy.status(requestId, "hubspot")).as("the others go on").isEqualTo("completed");
        assertThat(privacy.request(requestId).hasNonNull("completedAt")).isFalse();

        Sandboxes.reset("zendesk");
        zendeskBreaker.reset();

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(privacy.status(requestId, "zendesk")));
        await().atMost(Duration.ofSeconds(10)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
        Sandboxes.server("zendesk").verify(1, deleteRequestedFor(urlPathEqualTo("/api/v2/users/" + customer)));
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/gdpr-delete"))
                .withRequestBody(matchingJsonPath("$.objectId", equalTo(customer))));
    }

    @Test
    void aMalformedCustomerIdIsABadRequest() throws Exception {
        HttpResponse<String> response = privacy.erase("not%20an%20id");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("invalid_request");
    }

    private JsonNode exported() throws Exception {
        HttpResponse<String> response = privacy.export(customer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A Shopify delivery about the customer that failed for good, as the worker leaves it. */
    private void deadLetter(String body) {
        jms.send("webhooks.shopify.dlq", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body.getBytes());
            message.setStringProperty("webhookSource", "shopify");
            message.setStringProperty("webhookEventId", "wh-" + customer);
            message.setStringProperty("webhookEventType", "customers/update");
            message.setStringProperty("webhookReceivedAt", Instant.now().toString());
            message.setIntProperty("webhookAttempt", 8);
            return message;
        });
    }

    private java.util.List<String> deadLetterBodies() {
        return jms.browse("webhooks.shopify.dlq", (session, browser) -> {
            java.util.List<String> bodies = new java.util.ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                BytesMessage message = (BytesMessage) messages.nextElement();
                byte[] body = new byte[(int) message.getBodyLength()];
                message.readBytes(body);
                bodies.add(new String(body));
            }
            return bodies;
        });
    }
}

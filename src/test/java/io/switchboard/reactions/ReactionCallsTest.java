package io.switchboard.reactions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.DeadLetters;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Webhooks;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The fan-out's calls end to end: a vendor's webhook, signed as the vendor signs it and sent to the door, announces a
 * domain event whose reactions (routes/reactions/) make their calls to the sandboxes and notify the chat backend,
 * each exactly once, also when the vendor delivers the webhook twice and when the broker delivers the domain event
 * again; a reaction whose vendor keeps failing is dead-lettered, listed by the admin API and replayed.
 */
@HubTest
class ReactionCallsTest extends ReactionsCase {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private HttpServer chatBackend;
    private String subscription;

    @Autowired
    @Qualifier("hubspotBreaker")
    CircuitBreaker hubspotBreaker;

    @BeforeEach
    void chatBackendSubscribes() throws Exception {
        chatBackend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chatBackend.createContext("/hook", exchange -> {
            notifications.add(json.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        chatBackend.start();
        HttpResponse<String> created = admin("POST", "/admin/subscriptions", "{\"name\":\"chat backend\",\"url\":"
                + "\"http://127.0.0.1:" + chatBackend.getAddress().getPort() + "/hook\","
                + "\"eventTypes\":[\"notification.order_shipped\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        subscription = json.readTree(created.body()).path("id").asText();
    }

    @AfterEach
    void chatBackendLeaves() throws Exception {
        admin("DELETE", "/admin/subscriptions/" + subscription, null);
        chatBackend.stop(0);
        Sandboxes.reset("hubspot");
        hubspotBreaker.reset();   // the dead-letter test's failures must not leave the CRM's breaker open
    }

    @Test
    void aShippedOrderIsLoggedOnTheCrmNotedOnTheOpenTicketAndNotifiedToTheChatBackendOnce() throws Exception {
        String body = Files.readString(Path.of("sandbox/shopify/webhooks/orders/fulfilled.json"));
        String webhookId = UUID.randomUUID().toString();
        String event = eventId("order.shipped", "shopify", webhookId);
        String notification = "evt_" + UUID.nameUUIDFromBytes(("notification.order_shipped\n" + event)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(duplicate(Webhooks.postShopify(port, "orders/fulfilled", webhookId, body))).isFalse();
        assertThat(duplicate(Webhooks.postShopify(port, "orders/fulfilled", webhookId, body))).isTrue();

        RequestPatternBuilder note = postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(containing(event)).withRequestBody(containing("Order 1001 has shipped"));
        RequestPatternBuilder comment = putRequestedFor(urlPathEqualTo("/api/v2/tickets/35436.json"))
                .withRequestBody(containing(event)).withRequestBody(containing("\"public\":false"));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("hubspot", note) == 1 && calls("zendesk", comment) == 1
                && notified(notification) == 1);
        JsonNode delivered = notifications.stream().filter(n -> notification.equals(n.path("id").asText())).findFirst()
                .orElseThrow();
        assertThat(delivered.path("type").asText()).isEqualTo("notification.order_shipped");
        assertThat(delivered.path("customerid").asText()).isEqualTo(CUSTOMER);
        assertThat(delivered.path("data").path("orderNumber").asText()).isEqualTo("1001");
        assertThat(delivered.path("data").path("causedBy").asText()).isEqualTo(event);

        redeliverAndWait(event);

        assertThat(calls("hubspot", note)).isEqualTo(1);
        assertThat(calls("zendesk", comment)).isEqualTo(1);
        assertThat(notified(notification)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT reaction FROM reaction_jobs WHERE event_id = ? AND done_at IS NOT NULL",
                String.class, event)).containsExactlyInAnyOrder("order-shipped-crm-activity",
                "order-shipped-ticket-comment", "order-shipped-notification");
    }

    @Test
    void aTicketSolvedInZendeskJiraOrFreshdeskIsLoggedOnTheCrmOnce() throws Exception {
        String zendeskBody = Files.readString(Path.of("sandbox/zendesk/webhooks/ticket.status_changed.json"));
        String invocation = UUID.randomUUID().toString();
        String jiraBody = Files.readString(Path.of("sandbox/jira/webhooks/jira.issue_updated.json"));
        String identifier = UUID.randomUUID().toString();
        String freshdeskBody = Files.readString(Path.of("sandbox/freshdesk/webhooks/ticket.resolved.json"))
                .replace("\"ticket_id\": 1,", "\"ticket_id\": " + (1000 + (int) (Math.random() * 1_000_000)) + ",");
        String zendesk = eventId("ticket.solved", "zendesk", invocation);
        String jira = eventId("ticket.solved", "jira", identifier);
        String freshdesk = eventId("ticket.solved", "freshdesk", digest(freshdeskBody));

        for (int i = 0; i < 2; i++) {
            assertThat(Webhooks.postZendesk(port, "zendesk", Webhooks.ZENDESK_SECRET, invocation, zendeskBody)
                    .statusCode()).isEqualTo(200);
            assertThat(Webhooks.postJira(port, identifier, jiraBody).statusCode()).isEqualTo(200);
            assertThat(Webhooks.postFreshdesk(port, Webhooks.FRESHDESK_CREDENTIALS, freshdeskBody).statusCode())
                    .isEqualTo(200);
        }

        Map<String, String> tickets = Map.of(zendesk, "Ticket 35436 solved (zendesk)", jira, "Ticket SUP-2 solved (jira)",
                freshdesk, "solved (freshdesk)");
        await().atMost(Duration.ofSeconds(20)).until(() -> tickets.entrySet().stream()
                .allMatch(ticket -> calls("hubspot", note(ticket.getKey(), ticket.getValue())) == 1));
        redeliverAndWait(zendesk);
        tickets.forEach((event, text) -> assertThat(calls("hubspot", note(event, text))).as(text).isEqualTo(1));
    }

    @Test
    void aReactionWhoseVendorKeepsFailingIsDeadLetteredAndReplayedOnce() throws Exception {
        String body = Files.readString(Path.of("sandbox/zendesk/webhooks/ticket.status_changed.json"));
        String invocation = UUID.randomUUID().toString();
        String event = eventId("ticket.solved", "zendesk", invocation);
        String job = event + "/ticket-solved-crm-activity";
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(containing(event)).atPriority(1).willReturn(aResponse().withStatus(500)));

        assertThat(Webhooks.postZendesk(port, "zendesk", Webhooks.ZENDESK_SECRET, invocation, body).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(job) != null);
        JsonNode deadLetter = deadLetter(job);
        assertThat(deadLetter.path("source").asText()).isEqualTo("reaction");
        int failed = calls("hubspot", postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes"))
                .withRequestBody(containing(event)));
        assertThat(failed).isEqualTo(3);
        assertThat(done(event)).isFalse();

        Sandboxes.reset("hubspot");
        HttpResponse<String> replay = admin("POST", "/admin/dead-letters/" + deadLetter.path("id").asText()
                + "/replay", null);
        assertThat(replay.statusCode()).as(replay.body()).isBetween(200, 299);

        await().atMost(Duration.ofSeconds(20)).until(() -> done(event));
        assertThat(calls("hubspot", note(event, "Ticket 35436 solved"))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM reaction_jobs WHERE id = ?", String.class, job))
                .startsWith("crm activity ");
    }

    private static RequestPatternBuilder note(String eventId, String text) {
        return postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes")).withRequestBody(containing(eventId))
                .withRequestBody(containing(text));
    }

    private static int calls(String vendor, RequestPatternBuilder pattern) {
        return Sandboxes.server(vendor).countRequestsMatching(pattern.build()).getCount();
    }

    private long notified(String id) {
        return notifications.stream().filter(n -> id.equals(n.path("id").asText())).count();
    }

    private boolean duplicate(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("duplicate").asBoolean();
    }

    private JsonNode deadLetter(String eventId) throws Exception {
        return DeadLetters.find(port, "reaction", eventId);
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.switchboard.reactions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.conflicts.CustomerChanges;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.model.Article;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fan-out end to end: a vendor's webhook, signed as the vendor signs it and sent to the door, announces a domain
 * event whose reactions (routes/reactions/) make their calls to the sandboxes, each exactly once, also when the
 * vendor delivers the webhook twice and when the broker delivers the domain event again; a reaction whose vendor
 * keeps failing is dead-lettered, listed by the admin API and replayed.
 */
@HubTest
class ReactionsTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final String CUSTOMER = "207119551";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private HttpServer chatBackend;
    private String subscription;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    @Qualifier("hubspotBreaker")
    CircuitBreaker hubspotBreaker;

    @Autowired
    CustomerChanges customerChanges;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, ?> customerCache;

    @Autowired
    @Qualifier("kbCache")
    Cache<String, List<Article>> kbCache;

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
    void aCustomerChangedInHubSpotOrSalesforceIsEvictedOnEveryInstanceOnce() throws Exception {
        cacheCustomer();
        String hubspotBody = Files.readString(Path.of("sandbox/hubspot/webhooks/contact.propertyChange.json"))
                .replace("\"eventId\": 1753268217", "\"eventId\": " + (long) (Math.random() * 1e12));
        String salesforceBody = Files.readString(Path.of("sandbox/salesforce/webhooks/ContactChangeEvent.json"));
        String relayId = UUID.randomUUID().toString();
        String hubspot = eventId("customer.updated", "hubspot", digest(hubspotBody), CUSTOMER);
        String salesforce = eventId("customer.updated", "salesforce", relayId, "003Dp000001BobNAAS");

        try (Topic evictions = new Topic("switchboard.cache.evictions"); Topic events = new Topic("switchboard.events")) {
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postHubSpot(port, hubspotBody).statusCode()).isEqualTo(200);
                assertThat(Webhooks.postSalesforceRelay(port, relayId, salesforceBody).statusCode()).isEqualTo(200);
            }
            JsonNode change = events.first(message -> message.contains(hubspot));
            assertThat(change.path("type").asText()).isEqualTo("customer.updated");
            assertThat(change.path("data").path("changedFields").toString()).isEqualTo("[\"phone\"]");
            assertThat(change.path("data").path("sourceTimestamp").asText()).isNotEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> customerCache.getIfPresent(CUSTOMER) == null);
            await().atMost(Duration.ofSeconds(20)).until(() -> done(hubspot) && done(salesforce));

            redeliverAndWait(hubspot);
            redeliverAndWait(salesforce);

            assertThat(evictions.received()).filteredOn(("customer:" + CUSTOMER)::equals).hasSize(1);
            assertThat(evictions.received()).filteredOn("customer:003Dp000001BobNAAS"::equals).hasSize(1);
        }
        // the new values went through the customer conflict rules: the CRMs own email and phone
        assertThat(customerChanges.current(CUSTOMER).get("phone").value()).isEqualTo("555-625-1199");
        assertThat(customerChanges.current(CUSTOMER).get("phone").source()).isEqualTo("hubspot");
        assertThat(customerChanges.current("003Dp000001BobNAAS").get("email").value())
                .isEqualTo("bob.norman@example.org");
        assertThat(customerChanges.current("003Dp000001BobNAAS").get("address.city").value()).isEqualTo("Ottawa");
    }

    @Test
    void anArticleChangedInZendeskGuideOrConfluenceEvictsTheKnowledgeBaseAnswersOnce() throws Exception {
        String guideBody = Files.readString(Path.of("sandbox/zendesk/webhooks/article.published.json"));
        String confluenceBody = Files.readString(Path.of("sandbox/confluence/webhooks/page_updated.json"));
        String invocation = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        String guide = eventId("article.updated", "zendesk-guide", invocation);
        String confluence = eventId("article.updated", "confluence", requestId);

        try (Topic evictions = new Topic("switchboard.cache.evictions")) {
            kbCache.put("5:where is my order", List.of());
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postZendesk(port, "zendesk-guide", Webhooks.ZENDESK_GUIDE_SECRET, invocation,
                        guideBody).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> kbCache.getIfPresent("5:where is my order") == null);
            kbCache.put("5:where is my order", List.of());
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postConfluence(port, "page_updated", requestId, confluenceBody).statusCode())
                        .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> kbCache.getIfPresent("5:where is my order") == null);
            await().atMost(Duration.ofSeconds(20)).until(() -> done(guide) && done(confluence));

            redeliverAndWait(guide);
            redeliverAndWait(confluence);

            assertThat(evictions.received()).filteredOn("kb:*"::equals).hasSize(2);
        }
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

    /**
     * Publishes the domain event again on switchboard.events, as the relay does after a crash, then an event of no
     * reaction's interest behind it: once that one is taken, the copy before it has been taken too.
     */
    private void redeliverAndWait(String eventId) throws Exception {
        String stored = jdbc.queryForObject("SELECT event FROM reaction_jobs WHERE event_id = ? LIMIT 1", String.class,
                eventId);
        String marker = "evt_marker_" + UUID.randomUUID();
        String markerEvent = "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\",\"source\":\"/tests\",\"type\":"
                + "\"customer.updated\",\"subject\":\"marker\",\"time\":\"2026-11-24T09:00:00Z\","
                + "\"customerid\":\"marker\",\"data\":{}}";
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createTopic("switchboard.events"));
            producer.send(session.createTextMessage(stored));
            producer.send(session.createTextMessage(markerEvent));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> done(marker));
    }

    private boolean done(String eventId) {
        Integer pending = jdbc.queryForObject("SELECT count(*) FILTER (WHERE done_at IS NULL) + (count(*) = 0)::int"
                + " FROM reaction_jobs WHERE event_id = ?", Integer.class, eventId);
        return pending != null && pending == 0;
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

    /** The id the hub gives the domain event a vendor's delivery announces (docs/events.md). */
    private static String eventId(String type, String source, String deliveryId) {
        return eventId(type, source, deliveryId, null);
    }

    private static String eventId(String type, String source, String deliveryId, String part) {
        String key = type + "\n" + source + "\n" + deliveryId + (part == null ? "" : "\n" + part);
        return "evt_" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The id the door gives a delivery whose vendor sends none. */
    private static String digest(String body) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean duplicate(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("duplicate").asBoolean();
    }

    private void cacheCustomer() throws Exception {
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/" + CUSTOMER))
                .header("Authorization", "Bearer " + Tokens.forCustomer(CUSTOMER, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(customerCache.getIfPresent(CUSTOMER)).isNotNull();
    }

    private JsonNode deadLetter(String eventId) throws Exception {
        HttpResponse<String> response = admin("GET", "/admin/dead-letters?source=reaction&limit=500", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode item : json.readTree(response.body()).path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item;
            }
        }
        return null;
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a topic carries while open, as text. */
    private final class Topic implements AutoCloseable {
        private final Connection connection;
        private final List<String> received = new CopyOnWriteArrayList<>();

        Topic(String name) throws Exception {
            connection = connectionFactory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(name));
            consumer.setMessageListener(message -> {
                try {
                    received.add(message instanceof TextMessage text ? text.getText() : message.getBody(String.class));
                } catch (Exception unreadable) {
                    received.add("unreadable: " + unreadable);
                }
            });
            connection.start();
        }

        List<String> received() {
            return received;
        }

        JsonNode first(java.util.function.Predicate<String> which) throws Exception {
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(which));
            return json.readTree(received.stream().filter(which).findFirst().orElseThrow());
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}

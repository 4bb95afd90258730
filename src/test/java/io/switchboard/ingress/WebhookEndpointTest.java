package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ingress.verification.Signatures;
import io.switchboard.messaging.QueuedMessages;
import io.switchboard.messaging.WebhookQueues;
import io.switchboard.messaging.WebhookRetries;
import io.switchboard.support.DeadLetters;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /webhooks/{source} end to end, once verified: durable enqueue, dedupe, workers, retries, replay. */
@HubTest
class WebhookEndpointTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    /** Events of the "flaky" source whose id starts with this always fail. */
    private static final String REFUSED = "refused-";
    /** While set, processing events of the "flaky" source fails. */
    private static final AtomicBoolean FLAKY_FAILS = new AtomicBoolean();
    private static boolean advised;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Autowired
    CamelContext camel;

    @BeforeEach
    void makeFlakyFailOnDemand() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "webhooks-process", route -> route.weaveAddFirst().process(exchange -> {
                boolean flaky = "flaky".equals(exchange.getMessage().getHeader(WebhookQueues.SOURCE));
                String eventId = exchange.getMessage().getHeader(WebhookQueues.EVENT_ID, String.class);
                if (flaky && (FLAKY_FAILS.get() || eventId.startsWith(REFUSED))) {
                    throw new IllegalStateException("downstream refused the event");
                }
            }));
            advised = true;
        }
        ShopifySandbox.reset();
    }

    @Test
    void aDeliveryIsQueuedProcessedOnceAndItsRepeatIsADuplicate() throws Exception {
        String delivery = "d-" + UUID.randomUUID();
        String body = "{\"action\":\"opened\",\"issue\":{\"number\":7}}";
        try (EventListener events = new EventListener(connectionFactory)) {
            HttpResponse<String> first = Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, delivery, body);
            HttpResponse<String> second = Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, delivery, body);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json.readTree(first.body())).isEqualTo(json.readTree("{\"id\":\"" + delivery + "\",\"duplicate\":false}"));
            assertThat(json.readTree(second.body())).isEqualTo(json.readTree("{\"id\":\"" + delivery + "\",\"duplicate\":true}"));
            JsonNode event = events.next(delivery);
            assertThat(event.path("source").asText()).isEqualTo("github");
            assertThat(event.path("type").asText()).isEqualTo("issues");
            assertThat(event.path("payload").path("issue").path("number").asInt()).isEqualTo(7);
            assertThat(events.another(delivery, Duration.ofSeconds(1))).isFalse();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_processed WHERE source = 'github' AND event_id = ?",
                Integer.class, delivery)).isEqualTo(1);
    }

    @Test
    void anOrderEventEvictsTheCachedOrderAndIsPublished() throws Exception {
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/1001"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(orderCache.getIfPresent("1001")).isNotNull();
        String order = json.readTree(Files.readString(Path.of("sandbox/shopify/__files/orders/1001.json")))
                .path("orders").get(0).toString();
        String webhookId = "wh-" + UUID.randomUUID();

        try (EventListener events = new EventListener(connectionFactory)) {
            HttpResponse<String> response = Webhooks.postShopify(port, "orders/updated", webhookId, order);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode event = events.next(webhookId);
            assertThat(event.path("subjects").path("order").asText()).isEqualTo("1001");
            assertThat(event.path("subjects").path("customer").asText()).isEqualTo("207119551");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> orderCache.getIfPresent("1001") == null);
    }

    @Test
    void aFormEncodedBodyIsAcceptedAndNamedByItsDigest() throws Exception {
        String body = "token=x&team_id=T1&command=%2Fhelp&text=order+1001";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "v0=" + Signatures.hexHmac("sandbox-slack-signing-secret".getBytes(),
                "v0:" + timestamp + ":" + body);

        HttpResponse<String> response = Webhooks.post(port, "slack", body, "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signature, "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("id").asText()).startsWith("sha256:");
    }

    @Test
    void aFailingEventIsRetriedOnScheduleThenDeadLetteredThenReplayed() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        double retriedBefore = counter("switchboard.webhooks.retried", "flaky");
        FLAKY_FAILS.set(true);

        assertThat(Webhooks.postStandard(port, "flaky", id, "{\"type\":\"invoice.paid\"}").statusCode()).isEqualTo(200);

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(15)).until(() -> deadLetter(id), entry -> entry != null);
        assertThat(deadLetter.path("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.path("reason").asText()).contains("downstream refused the event");
        assertThat(counter("switchboard.webhooks.retried", "flaky")).isEqualTo(retriedBefore + 2);
        assertThat(processed("flaky", id)).isZero();

        FLAKY_FAILS.set(false);
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/dead-letters/" + deadLetter.path("id").asText() + "/replay"))
                .header("X-Api-Key", ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> processed("flaky", id) == 1);
        assertThat(deadLetter(id)).isNull();
    }

    @Test
    void aFailingDeliveryInABundleIsRetriedAloneWhileTheOthersAreApplied() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        List<WebhookRetries.Queued> bundle = List.of(queued(id + "-a"), queued(REFUSED + id), queued(id + "-b"));
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue(WebhookQueues.queue("flaky")))
                    .send(QueuedMessages.bundle(session, bundle));
            session.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> processed("flaky", id + "-a") == 1
                && processed("flaky", id + "-b") == 1);
        JsonNode deadLetter = await().atMost(Duration.ofSeconds(15)).until(() -> deadLetter(REFUSED + id),
                entry -> entry != null);
        assertThat(deadLetter.path("attempts").asInt()).isEqualTo(3);
        assertThat(processed("flaky", REFUSED + id)).isZero();
        assertThat(deadLetter(id + "-a")).isNull();
    }

    @Test
    void deliveriesArrivingTogetherAreEachAppliedOnce() throws Exception {
        String prefix = "msg_" + UUID.randomUUID() + "_";
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            // each id posted twice at once: one copy applied, the other answered as a duplicate
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String id = prefix + (i / 2);
                answers.add(senders.submit(() -> Webhooks.postStandard(port, "acme", id, "{\"type\":\"invoice.paid\"}")));
            }
            int duplicates = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                duplicates += json.readTree(answer.get().body()).path("duplicate").asBoolean() ? 1 : 0;
            }
            assertThat(duplicates).isEqualTo(60);
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM webhook_processed WHERE source = 'acme' AND event_id LIKE ?", Integer.class,
                prefix + "%") == 60);
    }

    private static WebhookRetries.Queued queued(String eventId) {
        return new WebhookRetries.Queued("{\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8), Map.of(
                WebhookQueues.SOURCE, "flaky", WebhookQueues.EVENT_ID, eventId, WebhookQueues.EVENT_TYPE,
                "invoice.paid", WebhookQueues.RECEIVED_AT, Instant.now().toString(), WebhookQueues.HEADERS, "{}"));
    }

    private JsonNode deadLetter(String eventId) throws Exception {
        return DeadLetters.find(port, "flaky", eventId);
    }

    private int processed(String source, String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_processed WHERE source = ? AND event_id = ?",
                Integer.class, source, eventId);
    }

    private double counter(String name, String source) {
        var counter = metrics.find(name).tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }
}

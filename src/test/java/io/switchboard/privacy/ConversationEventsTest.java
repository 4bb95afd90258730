package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * POST /api/v1/conversations/{conversationId}/events end to end: stored encrypted, consent deciding what is kept and
 * what is logged, and the crm-activity job logging a consented event to HubSpot's sandbox exactly once, through
 * vendor failures, dead-lettering and replay, and repeated jobs.
 */
@HubTest
class ConversationEventsTest {

    private static final String NOTES = "/crm/v3/objects/notes";
    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    /** The conversation whose next job fails once right after the CRM logged it (as a lost broker commit would). */
    private static final AtomicReference<String> FAIL_AFTER_LOGGING = new AtomicReference<>();
    private static boolean advised;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    ApiKeys keys;

    @Autowired
    CircuitBreaker hubspotBreaker;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    private String privacyKey;
    private String customer;

    @BeforeEach
    void freshState() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "jobs-crm-activity", route -> route.weaveAddLast().process(exchange -> {
                String failing = FAIL_AFTER_LOGGING.get();
                if (failing != null && failing.equals(jdbc.queryForObject("SELECT conversation_id FROM"
                        + " conversation_events WHERE id = ?", String.class, exchange.getProperty("eventId")))
                        && FAIL_AFTER_LOGGING.compareAndSet(failing, null)) {
                    throw new IllegalStateException("the broker commit was lost");
                }
            }));
            advised = true;
        }
        Sandboxes.reset("hubspot");
        hubspotBreaker.reset();
        privacyKey = keys.mint("privacy office", Set.of("privacy:admin"), null).secret();
        customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void restore() {
        FAIL_AFTER_LOGGING.set(null);
        Sandboxes.reset("hubspot");
    }

    @Test
    void theTextAndRoleAreStoredEncrypted() throws Exception {
        consent(false, true);
        String text = "My parcel 1002 never came, call me on 555-0100";

        String eventId = accepted(postEvent("conv-" + UUID.randomUUID(), message("customer", text)));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM conversation_events WHERE id = ?", eventId);
        byte[] sealedText = (byte[]) row.get("text_sealed");
        byte[] sealedRole = (byte[]) row.get("role_sealed");
        assertThat(new String(sealedText, StandardCharsets.ISO_8859_1)).doesNotContain("parcel", "555-0100");
        assertThat(new String(sealedRole, StandardCharsets.ISO_8859_1)).doesNotContain("customer");
        assertThat(jdbc.queryForObject("SELECT row_to_json(e)::text FROM conversation_events e WHERE id = ?",
                String.class, eventId)).doesNotContain("parcel", "555-0100", "\"customer\"");
        assertThat(row.get("key_id")).isEqualTo(cipher.keyId());
        assertThat(cipher.open(cipher.keyId(), sealedText, "conversation_events/" + eventId + "/text")).isEqualTo(text);
        assertThat(cipher.open(cipher.keyId(), sealedRole, "conversation_events/" + eventId + "/role")).isEqualTo("customer");
    }

    @Test
    void withoutConsentToKeepTranscriptsTheTextIsNotStoredNorLogged() throws Exception {
        consent(true, false);

        String eventId = accepted(postEvent("conv-" + UUID.randomUUID(), message("customer", "Do not keep this")));

        await().atMost(Duration.ofSeconds(10)).until(() -> activityOf(eventId) != null);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM conversation_events WHERE id = ?", eventId);
        assertThat(row.get("text_sealed")).isNull();
        assertThat(cipher.open((String) row.get("key_id"), (byte[]) row.get("role_sealed"),
                "conversation_events/" + eventId + "/role")).isEqualTo("customer");
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES))
                .withRequestBody(matchingJsonPath("$.properties.hs_note_body", containing(eventId))));
        Sandboxes.server("hubspot").verify(0, postRequestedFor(urlPathEqualTo(NOTES))
                .withRequestBody(containing("Do not keep this")));
    }

    @Test
    void withoutConsentNothingIsLoggedAndConsentAppliesFromTheNextEventOn() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String before = accepted(postEvent(conversation, message("customer", "Before I agreed")));
        consent(true, true);

        String after = accepted(postEvent(conversation, message("customer", "After I agreed")));

        await().atMost(Duration.ofSeconds(10)).until(() -> activityOf(after) != null);
        assertThat(activityOf(after)).isEqualTo("94872536102");
        assertThat(jdbc.queryForObject("SELECT crm_logging FROM conversation_events WHERE id = ?", Boolean.class,
                before)).isFalse();
        double refusedBefore = activities("not_consented");
        jms.convertAndSend("jobs.crm-activity", before);   // a stray job for it is refused too
        await().atMost(Duration.ofSeconds(10)).until(() -> activities("not_consented") == refusedBefore + 1);
        assertThat(activityOf(before)).isNull();
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES)));
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES))
                .withHeader("Authorization", equalTo("Bearer pat-sandbox-not-a-secret"))
                .withRequestBody(matchingJsonPath("$.associations[0].to.id", equalTo(customer)))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationCategory", equalTo("HUBSPOT_DEFINED")))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", equalTo("202")))
                .withRequestBody(matchingJsonPath("$.properties.hs_timestamp", equalTo("2026-11-24T06:00:00Z")))
                .withRequestBody(matchingJsonPath("$.properties.hs_note_body", containing("After I agreed")))
                .withRequestBody(matchingJsonPath("$.properties.hs_note_body", containing(conversation))));
    }

    @Test
    void aFailingCrmIsRetriedAndTheNoteCreatedOnce() throws Exception {
        consent(true, true);
        double retriedBefore = retried();
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .inScenario("crm down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .inScenario("crm down").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));

        String eventId = accepted(postEvent("conv-" + UUID.randomUUID(), message("customer", "Hello?")));

        await().atMost(Duration.ofSeconds(15)).until(() -> activityOf(eventId) != null);
        assertThat(activityOf(eventId)).isEqualTo("94872536102");
        assertThat(retried()).isEqualTo(retriedBefore + 2);
        Sandboxes.server("hubspot").verify(3, postRequestedFor(urlPathEqualTo(NOTES)));
        assertThat(Sandboxes.server("hubspot").getAllServeEvents().stream()
                .filter(served -> served.getRequest().getUrl().startsWith(NOTES))
                .filter(served -> served.getResponse().getStatus() == 201)).hasSize(1);
    }

    @Test
    void aLastingFailureIsDeadLetteredAndReplayedOnceTheCrmIsBack() throws Exception {
        consent(true, true);
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .willReturn(aResponse().withStatus(500)));

        String eventId = accepted(postEvent("conv-" + UUID.randomUUID(), message("customer", "Anyone there?")));

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(15)).until(() -> deadLetter(eventId), e -> e != null);
        assertThat(deadLetter.path("source").asText()).isEqualTo("crm-activity");
        assertThat(deadLetter.path("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.path("reason").asText()).contains("500");
        assertThat(activityOf(eventId)).isNull();
        assertThat(jdbc.queryForObject("SELECT crm_claimed_until FROM conversation_events WHERE id = ?",
                java.sql.Timestamp.class, eventId)).as("released for the replay").isNull();

        Sandboxes.reset("hubspot");
        hubspotBreaker.reset();
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/dead-letters/" + deadLetter.path("id").asText() + "/replay"))
                .header("X-Api-Key", ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> activityOf(eventId) != null);
        assertThat(deadLetter(eventId)).isNull();
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES)));
    }

    @Test
    void aJobRunAgainAfterTheCrmLoggedTheEventDoesNotLogItTwice() throws Exception {
        consent(true, true);
        String conversation = "conv-" + UUID.randomUUID();
        double retriedBefore = retried();
        double repeatedBefore = activities("repeated");
        // the first run logs the note and records it, then fails before its broker commit: the job runs again
        FAIL_AFTER_LOGGING.set(conversation);

        String eventId = accepted(postEvent(conversation, message("customer", "Once only")));

        await().atMost(Duration.ofSeconds(15)).until(() -> activities("repeated") == repeatedBefore + 1);
        assertThat(FAIL_AFTER_LOGGING.get()).as("the first run failed after logging").isNull();
        assertThat(retried()).isEqualTo(retriedBefore + 1);
        jms.convertAndSend("jobs.crm-activity", eventId);   // and once more, as the outbox relay repeats after a crash
        await().atMost(Duration.ofSeconds(10)).until(() -> activities("repeated") == repeatedBefore + 2);

        assertThat(activityOf(eventId)).isEqualTo("94872536102");
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES)));
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES))
                .withRequestBody(containing("Once only")));
    }

    @Test
    void anotherCustomersConversationIsNotFound() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        accepted(postEvent(conversation, message("customer", "Mine")));

        HttpResponse<String> other = postEvent(conversation, message("customer", "Mine too?"),
                Tokens.forCustomer("someone-else", "conversations:write"));

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json.readTree(other.body()).path("code").asText()).isEqualTo("not_found");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE conversation_id = ?",
                Integer.class, conversation)).isOne();
    }

    @Test
    void invalidEventsNameTheField() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        assertField(conversation, "{\"role\":\"customer\",\"text\":\"t\",\"at\":\"2026-11-24T06:00:00Z\"}", "type");
        assertField(conversation, "{\"type\":\"chat\",\"at\":\"2026-11-24T06:00:00Z\"}", "type");
        assertField(conversation, "{\"type\":\"message\",\"role\":\"boss\",\"at\":\"2026-11-24T06:00:00Z\"}", "role");
        assertField(conversation, "{\"type\":\"message\",\"text\":42,\"at\":\"2026-11-24T06:00:00Z\"}", "text");
        assertField(conversation, "{\"type\":\"message\",\"text\":\"" + "x".repeat(10_001) + "\",\"at\":\"2026-11-24T06:00:00Z\"}", "text");
        assertField(conversation, "{\"type\":\"resolved\"}", "at");
        assertField(conversation, "{\"type\":\"resolved\",\"at\":\"yesterday\"}", "at");
        assertField("conv%20with%20spaces", "{\"type\":\"resolved\",\"at\":\"2026-11-24T06:00:00Z\"}", "conversationId");
        assertThat(postEvent(conversation, "not json").statusCode()).isEqualTo(400);
        assertThat(postEvent(conversation, "{\"type\":\"resolved\",\"at\":\"2026-11-24T06:00:00Z\"}",
                Tokens.forCustomer(customer, "tickets:write")).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE conversation_id = ?",
                Integer.class, conversation)).isZero();
        HttpResponse<String> minimal = postEvent(conversation, "{\"type\":\"escalated\",\"at\":\"2026-11-24T06:00:00Z\",\"x\":1}");
        assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(202);
        assertThat(json.readTree(minimal.body()).path("conversationId").asText()).isEqualTo(conversation);
    }

    private void assertField(String conversation, String body, String field) throws Exception {
        HttpResponse<String> response = postEvent(conversation, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.path("field").asText()).isEqualTo(field);
    }

    private static String message(String role, String text) {
        return "{\"type\":\"message\",\"role\":\"" + role + "\",\"text\":\"" + text + "\",\"at\":\"2026-11-24T06:00:00Z\"}";
    }

    private String accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("eventId").asText()).startsWith("evt_");
        return answer.path("eventId").asText();
    }

    private void consent(boolean crmLogging, boolean transcriptStorage) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/privacy/customers/" + customer + "/consent"))
                .header("X-Api-Key", privacyKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"crmLogging\":" + crmLogging + ",\"transcriptStorage\":"
                        + transcriptStorage + ",\"marketing\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> postEvent(String conversation, String body) throws Exception {
        return postEvent(conversation, body, Tokens.forCustomer(customer, "conversations:write"));
    }

    private HttpResponse<String> postEvent(String conversation, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                        + conversation + "/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String activityOf(String eventId) {
        return jdbc.queryForObject("SELECT crm_activity_id FROM conversation_events WHERE id = ?", String.class, eventId);
    }

    private double activities(String outcome) {
        var counter = metrics.find("switchboard.crm.activities").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double retried() {
        var counter = metrics.find("switchboard.jobs.retried").tag("job", "crm-activity").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode deadLetter(String eventId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/dead-letters?source=crm-activity&limit=500")).header("X-Api-Key", ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode item : json.readTree(response.body()).path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item;
            }
        }
        return null;
    }
}

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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.support.DeadLetters;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * POST /api/v1/conversations/{conversationId}/events end to end, what is logged: the crm-activity job logs a
 * consented event to HubSpot's sandbox exactly once (nothing without consent), through vendor failures,
 * dead-lettering and replay, and repeated jobs.
 */
@HubTest
class ConversationCrmLoggingTest extends ConversationEventsCase {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    /** The conversation whose next job fails once right after the CRM logged it (as a lost broker commit would). */
    private static final AtomicReference<String> FAIL_AFTER_LOGGING = new AtomicReference<>();
    private static boolean advised;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    @BeforeEach
    void adviseTheJob() throws Exception {
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
    }

    @AfterEach
    void noFailureLeft() {
        FAIL_AFTER_LOGGING.set(null);
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

    private double activities(String outcome) {
        var counter = metrics.find("switchboard.crm.activities").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double retried() {
        var counter = metrics.find("switchboard.jobs.retried").tag("job", "crm-activity").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode deadLetter(String eventId) throws Exception {
        return DeadLetters.find(port, "crm-activity", eventId);
    }
}

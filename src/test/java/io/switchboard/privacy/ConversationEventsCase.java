package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the tests of POST /api/v1/conversations/{conversationId}/events share: a customer of their own and a
 * privacy:admin key to record its consent, HubSpot's sandbox and breaker reset around each test, and the calls.
 */
abstract class ConversationEventsCase {

    static final String NOTES = "/crm/v3/objects/notes";

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys keys;

    @Autowired
    CircuitBreaker hubspotBreaker;

    String privacyKey;
    String customer;

    @BeforeEach
    void freshState() throws Exception {
        Sandboxes.reset("hubspot");
        hubspotBreaker.reset();
        privacyKey = keys.mint("privacy office", Set.of("privacy:admin"), null).secret();
        customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void restore() {
        Sandboxes.reset("hubspot");
    }

    static String message(String role, String text) {
        return "{\"type\":\"message\",\"role\":\"" + role + "\",\"text\":\"" + text + "\",\"at\":\"2026-11-24T06:00:00Z\"}";
    }

    String accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("eventId").asText()).startsWith("evt_");
        return answer.path("eventId").asText();
    }

    void consent(boolean crmLogging, boolean transcriptStorage) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/privacy/customers/" + customer + "/consent"))
                .header("X-Api-Key", privacyKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"crmLogging\":" + crmLogging + ",\"transcriptStorage\":"
                        + transcriptStorage + ",\"marketing\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    HttpResponse<String> postEvent(String conversation, String body) throws Exception {
        return postEvent(conversation, body, Tokens.forCustomer(customer, "conversations:write"));
    }

    HttpResponse<String> postEvent(String conversation, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                        + conversation + "/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String activityOf(String eventId) {
        return jdbc.queryForObject("SELECT crm_activity_id FROM conversation_events WHERE id = ?", String.class, eventId);
    }
}

package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/v1/conversations/{id}/events with the client's own eventId: the same one again is stored once. */
@HubTest
class ConversationEventIdTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSameEventIdAgainIsAnsweredWithTheSameEventAndStoredOnce() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String event = "{\"eventId\":\"msg-1\",\"type\":\"message\",\"role\":\"customer\",\"text\":\"hi\","
                + "\"at\":\"2026-11-24T06:00:00Z\"}";

        JsonNode first = json.readTree(post(conversation, event).body());
        HttpResponse<String> again = post(conversation, event);
        JsonNode other = json.readTree(post(conversation, event.replace("msg-1", "msg-2")).body());
        JsonNode withoutId = json.readTree(post(conversation, event.replace("\"eventId\":\"msg-1\",", "")).body());

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body()).path("eventId")).isEqualTo(first.path("eventId"));
        assertThat(other.path("eventId")).isNotEqualTo(first.path("eventId"));
        assertThat(withoutId.path("eventId")).isNotEqualTo(first.path("eventId"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE conversation_id = ?",
                Integer.class, conversation)).isEqualTo(3);
    }

    @Test
    void aMalformedEventIdIsAnInvalidRequestNamingIt() throws Exception {
        HttpResponse<String> response = post("conv-" + UUID.randomUUID(),
                "{\"eventId\":\"no spaces/allowed\",\"type\":\"resolved\",\"at\":\"2026-11-24T06:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("field").asText()).isEqualTo("eventId");
    }

    private HttpResponse<String> post(String conversation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                        + conversation + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

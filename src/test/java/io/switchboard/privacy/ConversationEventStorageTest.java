package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * POST /api/v1/conversations/{conversationId}/events end to end, what is kept: the text and role stored encrypted,
 * the text not at all without consent to keep transcripts, another customer's conversation not found, and an
 * invalid event refused with the field it got wrong.
 */
@HubTest
class ConversationEventStorageTest extends ConversationEventsCase {

    @Autowired
    FieldCipher cipher;

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
}

package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.helpdesk.TicketApi;
import io.switchboard.input.Inputs;
import io.switchboard.privacy.ConversationEvent;
import io.switchboard.security.Access;
import io.switchboard.security.Caller;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/conversations/{conversationId}/events}: the event checked field by field (400 naming the
 * field; the conversation id as {@code POST /api/v1/tickets} checks it), and the 202 answer. An optional
 * {@code eventId} of the client's choosing makes the call idempotent: the same one again is stored once.
 */
@Component("conversationApi")
public class ConversationApi {

    private static final Set<String> TYPES = Set.of("message", "escalated", "resolved", "csat");
    private static final Set<String> ROLES = Set.of("customer", "assistant", "agent");
    private static final int MAX_TEXT = 10_000;

    private final ObjectMapper json;

    public ConversationApi(ObjectMapper json) {
        this.json = json;
    }

    public ConversationEvent parse(String body, String conversationId, Exchange exchange) {
        if (conversationId == null || !TicketApi.CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new InvalidRequest("conversationId", "1 to 128 letters, digits or ._:-");
        }
        JsonNode event;
        try {
            event = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new InvalidRequest("The body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidRequest("The body must be a JSON object");
        }
        String type = event.path("type").asText("");
        if (!event.path("type").isTextual() || !TYPES.contains(type)) {
            throw new InvalidRequest("type", "one of " + TYPES);
        }
        String role = null;
        if (event.hasNonNull("role")) {
            role = event.path("role").asText("");
            if (!event.path("role").isTextual() || !ROLES.contains(role)) {
                throw new InvalidRequest("role", "one of " + ROLES);
            }
        }
        String text = null;
        if (event.hasNonNull("text")) {
            JsonNode value = event.path("text");
            if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_TEXT) {
                throw new InvalidRequest("text", "a string of 1 to " + MAX_TEXT + " characters");
            }
            text = value.asText();
        }
        Integer score = null;
        if ("csat".equals(type)) {
            JsonNode value = event.path("score");
            if (!value.isInt() || value.asInt() < 1 || value.asInt() > 5) {
                throw new InvalidRequest("score", "an integer from 1 to 5");
            }
            score = value.asInt();
        } else if (event.hasNonNull("score")) {
            throw new InvalidRequest("score", "only on a csat event");
        }
        Instant at = Inputs.instant(event.path("at").asText(""))
                .orElseThrow(() -> new InvalidRequest("at", "an RFC 3339 time in UTC, years 0001 to 9999"));
        clientEventId(event);
        Caller caller = exchange.getProperty(Access.CALLER, Caller.class);
        return new ConversationEvent(conversationId, caller.subject(), type, role, text, at, score);
    }

    /** The client's own id for the event (its idempotency key), or null when it gave none. */
    public String clientEventId(String body) {
        try {
            return clientEventId(json.readTree(body));
        } catch (IOException e) {
            throw new InvalidRequest("The body is not JSON");
        }
    }

    private static String clientEventId(JsonNode event) {
        if (!event.hasNonNull("eventId")) {
            return null;
        }
        String id = event.path("eventId").asText("");
        if (!event.path("eventId").isTextual() || !TicketApi.CONVERSATION_ID.matcher(id).matches()) {
            throw new InvalidRequest("eventId", "1 to 128 letters, digits or ._:-");
        }
        return id;
    }

    /** 202: stored; logged to the CRM later, when the customer consented. */
    public Map<String, Object> accepted(String eventId, ConversationEvent event, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        answer.put("conversationId", event.conversationId());
        return answer;
    }
}

package io.switchboard.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.helpdesk.TranscriptSentiment;
import io.switchboard.input.Inputs;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import io.switchboard.model.TranscriptEntry;
import io.switchboard.security.Access;
import io.switchboard.security.Caller;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/tickets}: the request checked field by field (400 naming the field), and the answer. */
@Component("ticketApi")
public class TicketApi {

    /** Exchange property: true when the conversation's ticket already existed. */
    public static final String DEDUPLICATED = "ticketDeduplicated";

    public static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Set<String> ROLES = Set.of("customer", "assistant", "agent");
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final int MAX_TRANSCRIPT = 500;

    private final ObjectMapper json;
    private final TranscriptSentiment sentiment;

    public TicketApi(ObjectMapper json, TranscriptSentiment sentiment) {
        this.json = json;
        this.sentiment = sentiment;
    }

    public TicketRequest parse(String body, Exchange exchange) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new InvalidRequest("The body is not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new InvalidRequest("The body must be a JSON object");
        }
        String conversationId = text(request, "conversationId", 128);
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new InvalidRequest("conversationId", "1 to 128 letters, digits or ._:-");
        }
        String subject = text(request, "subject", 200);
        JsonNode transcript = request.path("transcript");
        if (!transcript.isArray() || transcript.isEmpty() || transcript.size() > MAX_TRANSCRIPT) {
            throw new InvalidRequest("transcript", "1 to " + MAX_TRANSCRIPT + " entries");
        }
        List<TranscriptEntry> entries = new ArrayList<>();
        for (int i = 0; i < transcript.size(); i++) {
            entries.add(entry(transcript.get(i), "transcript[" + i + "]"));
        }
        String priority = null;
        if (request.hasNonNull("priority")) {
            priority = request.path("priority").asText();
            if (!PRIORITIES.contains(priority)) {
                throw new InvalidRequest("priority", "one of " + PRIORITIES);
            }
        }
        Caller caller = exchange.getProperty(Access.CALLER, Caller.class);
        return new TicketRequest(conversationId, caller.subject(), subject, entries,
                priority != null ? priority : sentiment.priority(entries));
    }

    /** 201 for a new ticket, 200 with {@code deduplicated: true} for the conversation's existing one. */
    public Map<String, Object> answer(Ticket ticket, Exchange exchange) {
        boolean deduplicated = Boolean.TRUE.equals(exchange.getProperty(DEDUPLICATED, Boolean.class));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, deduplicated ? 200 : 201);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ticketId", ticket.ticketId());
        if (ticket.url() != null) {
            answer.put("url", ticket.url());
        }
        answer.put("priority", ticket.priority());
        answer.put("deduplicated", deduplicated);
        return answer;
    }

    private static TranscriptEntry entry(JsonNode entry, String field) {
        if (!entry.isObject()) {
            throw new InvalidRequest(field, "an object with role, text and at");
        }
        String role = entry.path("role").asText("");
        if (!ROLES.contains(role)) {
            throw new InvalidRequest(field + ".role", "one of " + ROLES);
        }
        String text = text(entry, "text", 10_000, field + ".text");
        Instant at = Inputs.instant(entry.path("at").asText(""))
                .orElseThrow(() -> new InvalidRequest(field + ".at",
                        "an RFC 3339 time in UTC, years 0001 to 9999"));
        return new TranscriptEntry(role, text, at);
    }

    private static String text(JsonNode node, String name, int maxLength) {
        return text(node, name, maxLength, name);
    }

    private static String text(JsonNode node, String name, int maxLength, String field) {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            throw new InvalidRequest(field, "a string of 1 to " + maxLength + " characters");
        }
        return value.asText();
    }
}

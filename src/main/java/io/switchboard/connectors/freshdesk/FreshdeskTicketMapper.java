package io.switchboard.connectors.freshdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.Timestamps;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import io.switchboard.model.TicketSummary;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Canonical ticket requests to Freshdesk's ticket JSON and back. Freshdesk has no external id on tickets, so the
 * conversation id travels as a tag ({@code conversation-<id>}) that the adapter searches before creating, and the
 * customer as another ({@code customer-<id>}) that finds their open tickets. Pure.
 */
@Component("freshdeskTicketMapper")
public class FreshdeskTicketMapper {

    /** Freshdesk's priorities: 1 low, 2 medium, 3 high, 4 urgent. */
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    /** Freshdesk's statuses: 2 open, 3 pending, 4 resolved, 5 closed. */
    private static final Map<Integer, String> STATUSES = Map.of(2, "open", 3, "pending", 4, "solved", 5, "closed");

    private final ObjectMapper json;
    private final String baseUrl;

    public FreshdeskTicketMapper(ObjectMapper json, @Value("${switchboard.vendors.freshdesk.base-url:}") String baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static String tag(TicketRequest request) {
        return "conversation-" + request.conversationId();
    }

    /** The tag of the customer's tickets; anything but letters, digits and {@code _.:-} becomes {@code _}. */
    public static String customerTag(String customerId) {
        return "customer-" + customerId.replaceAll("[^A-Za-z0-9_.:-]", "_");
    }

    /** The search for a customer's unsolved tickets: their tag, status open (2) or pending (3). */
    public String openTicketsQuery(String customerId) {
        return "query=" + java.net.URLEncoder.encode("\"tag:'" + customerTag(customerId) + "' AND (status:2 OR status:3)\"",
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Tickets out of a search answer ({@code {"results": [...], "total": n}}). */
    public List<TicketSummary> openTickets(String answer) {
        JsonNode results = parse(answer).path("results");
        if (!results.isArray()) {
            throw new UnreadableUpstreamResponse("Freshdesk search without results", null);
        }
        List<TicketSummary> tickets = new ArrayList<>();
        for (JsonNode ticket : results) {
            tickets.add(new TicketSummary(ticket.path("id").asText(), ticket.path("subject").asText(null),
                    STATUSES.getOrDefault(ticket.path("status").asInt(), "open"),
                    PRIORITIES.get(Math.max(0, Math.min(3, ticket.path("priority").asInt(2) - 1))),
                    Timestamps.parse(ticket.path("updated_at").asText(null))));
        }
        return tickets;
    }

    /** The search query for the conversation's tag ({@code GET /api/v2/search/tickets?query="tag:'...'"}). */
    public String searchQuery(TicketRequest request) {
        return "query=" + java.net.URLEncoder.encode("\"tag:'" + tag(request) + "'\"", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code POST /api/v2/tickets}: the customer by their external id, the transcript as HTML, the tags. */
    public String createBody(TicketRequest request) throws JsonProcessingException {
        ObjectNode ticket = json.createObjectNode();
        ticket.put("subject", request.subject());
        ticket.put("description", "<pre>" + HtmlUtils.htmlEscape(request.transcriptText()) + "</pre>");
        ticket.put("unique_external_id", request.customerId());
        ticket.put("priority", PRIORITIES.indexOf(request.priority()) + 1);
        ticket.put("status", 2);
        ticket.putArray("tags").add(tag(request)).add(customerTag(request.customerId()));
        return json.writeValueAsString(ticket);
    }

    /** The conversation's ticket among search results ({@code {"results": [...], "total": n}}), or null. */
    public Ticket fromSearch(String answer, TicketRequest request) {
        for (JsonNode ticket : parse(answer).path("results")) {
            for (JsonNode tag : ticket.path("tags")) {
                if (tag(request).equals(tag.asText())) {
                    return toTicket(ticket);
                }
            }
        }
        return null;
    }

    /** The ticket in a create answer (the ticket object itself). */
    public Ticket fromCreate(String answer) {
        JsonNode ticket = parse(answer);
        if (!ticket.path("id").isNumber()) {
            throw new UnreadableUpstreamResponse("Freshdesk create answer without a ticket id", null);
        }
        return toTicket(ticket);
    }

    private Ticket toTicket(JsonNode ticket) {
        String id = ticket.path("id").asText();
        int priority = ticket.path("priority").asInt(2);
        return new Ticket(id, baseUrl.isEmpty() ? null : baseUrl + "/a/tickets/" + id,
                PRIORITIES.get(Math.max(0, Math.min(3, priority - 1))));
    }

    private JsonNode parse(String answer) {
        return VendorJson.read(json, answer, "Freshdesk");
    }
}

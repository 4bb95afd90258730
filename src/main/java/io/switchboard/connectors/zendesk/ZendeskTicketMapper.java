package io.switchboard.connectors.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import io.switchboard.model.TicketSummary;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Canonical ticket requests to Zendesk's ticket JSON and back. Pure. */
@Component("zendeskTicketMapper")
public class ZendeskTicketMapper {

    private final ObjectMapper json;
    private final String baseUrl;

    public ZendeskTicketMapper(ObjectMapper json, @Value("${switchboard.vendors.zendesk.base-url:}") String baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The tag every ticket opened for a customer carries, so that their open tickets can be found. */
    public static String customerTag(String customerId) {
        return "customer_" + customerId;
    }

    /** {@code GET /api/v2/search.json} query for a customer's unsolved tickets. */
    public String openTicketsQuery(String customerId) {
        return "query=" + URLEncoder.encode("type:ticket status<solved tags:" + customerTag(customerId),
                StandardCharsets.UTF_8);
    }

    /** Tickets out of a search answer ({@code {"results": [...]}}). */
    public List<TicketSummary> openTickets(String answer) {
        List<TicketSummary> tickets = new ArrayList<>();
        for (JsonNode ticket : parse(answer).path("results")) {
            String updated = ticket.path("updated_at").asText(null);
            tickets.add(new TicketSummary(ticket.path("id").asText(), ticket.path("subject").asText(null),
                    ticket.path("status").asText(null), ticket.path("priority").asText(null),
                    updated == null ? null : Instant.parse(updated)));
        }
        return tickets;
    }

    /** The lookup's query: tickets carrying the conversation id as their external id. */
    public String searchQuery(TicketRequest request) {
        return "external_id=" + URLEncoder.encode(request.conversationId(), StandardCharsets.UTF_8);
    }

    /** {@code POST /api/v2/tickets.json}: subject, the transcript as the first comment, priority, external_id. */
    public String createBody(TicketRequest request) throws JsonProcessingException {
        ObjectNode ticket = json.createObjectNode();
        ticket.put("subject", request.subject());
        ticket.putObject("comment").put("body", request.transcriptText());
        ticket.put("priority", request.priority());
        ticket.put("external_id", request.conversationId());
        ticket.putArray("tags").add(customerTag(request.customerId()));
        ObjectNode body = json.createObjectNode();
        body.set("ticket", ticket);
        return json.writeValueAsString(body);
    }

    /** The ticket opened for the conversation, out of {@code GET /api/v2/tickets.json?external_id=}; null if none. */
    public Ticket fromSearch(String answer, TicketRequest request) {
        for (JsonNode ticket : parse(answer).path("tickets")) {
            if (request.conversationId().equals(ticket.path("external_id").asText())) {
                return toTicket(ticket);
            }
        }
        return null;
    }

    /** The ticket in a create answer ({@code {"ticket": {...}}}). */
    public Ticket fromCreate(String answer) {
        JsonNode ticket = parse(answer).path("ticket");
        if (!ticket.path("id").isNumber()) {
            throw new UnreadableUpstreamResponse("Zendesk create answer without a ticket id", null);
        }
        return toTicket(ticket);
    }

    private Ticket toTicket(JsonNode ticket) {
        String id = ticket.path("id").asText();
        return new Ticket(id, baseUrl.isEmpty() ? null : baseUrl + "/agent/tickets/" + id,
                ticket.path("priority").asText("normal"));
    }

    private JsonNode parse(String answer) {
        return VendorJson.read(json, answer, "Zendesk");
    }
}

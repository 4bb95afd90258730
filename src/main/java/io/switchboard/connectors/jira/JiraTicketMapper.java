package io.switchboard.connectors.jira;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Canonical tickets to Jira Service Management (Cloud) and back. A ticket is a customer request
 * ({@code POST /rest/servicedeskapi/request}: service desk, request type, summary, description); the service desk
 * API cannot label a request, so the Jira platform API labels it right after
 * ({@code PUT /rest/api/3/issue/{key}}): {@code conversation-<id>} for the lookup before creating, and
 * {@code customer-<id>} for the customer's open tickets, both found with JQL ({@code GET /rest/api/3/search/jql}).
 *
 * <p>Priorities, by the names of Jira's default priority scheme: low = Low, normal = Medium, high = High,
 * urgent = Highest; read back, Lowest is low too, and a name the scheme does not know is normal. Pure.
 */
@Component("jiraTicketMapper")
public class JiraTicketMapper {

    private static final Map<String, String> TO_JIRA = Map.of(
            "low", "Low", "normal", "Medium", "high", "High", "urgent", "Highest");
    private static final Map<String, String> FROM_JIRA = Map.of(
            "lowest", "low", "low", "low", "medium", "normal", "high", "high", "highest", "urgent");

    private final ObjectMapper json;
    private final String baseUrl;
    private final String serviceDeskId;
    private final String requestTypeId;
    private final boolean setPriority;

    public JiraTicketMapper(ObjectMapper json,
                            @Value("${switchboard.vendors.jira.base-url:}") String baseUrl,
                            @Value("${switchboard.vendors.jira.service-desk-id:}") String serviceDeskId,
                            @Value("${switchboard.vendors.jira.request-type-id:}") String requestTypeId,
                            @Value("${switchboard.vendors.jira.set-priority:true}") boolean setPriority) {
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.serviceDeskId = serviceDeskId;
        this.requestTypeId = requestTypeId;
        this.setPriority = setPriority;
    }

    /** A Jira label: no spaces allowed, so anything but letters, digits and {@code _.:-} becomes {@code _}. */
    static String label(String prefix, String id) {
        return prefix + id.replaceAll("[^A-Za-z0-9_.:-]", "_");
    }

    public static String conversationLabel(TicketRequest request) {
        return label("conversation-", request.conversationId());
    }

    public static String customerLabel(String customerId) {
        return label("customer-", customerId);
    }

    /** The lookup: issues labelled with the conversation. */
    public String searchQuery(TicketRequest request) {
        return query("labels = " + jqlString(conversationLabel(request)), "priority,labels", 10);
    }

    /** The issue opened for the conversation among the lookup's results ({@code {"issues": [...]}}), or null. */
    public Ticket fromSearch(String answer, TicketRequest request) {
        for (JsonNode issue : issues(answer)) {
            for (JsonNode label : issue.path("fields").path("labels")) {
                if (conversationLabel(request).equals(label.asText())) {
                    return new Ticket(issue.path("key").asText(), browse(issue.path("key").asText()),
                            priority(issue.path("fields").path("priority").path("name").asText(null)));
                }
            }
        }
        return null;
    }

    /**
     * {@code POST /rest/servicedeskapi/request}: the summary and the transcript as the description, verbatim (Jira's
     * {@code {noformat}}, so that nothing the customer wrote is read as markup).
     */
    public String createBody(TicketRequest request) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.put("serviceDeskId", serviceDeskId);
        body.put("requestTypeId", requestTypeId);
        ObjectNode fields = body.putObject("requestFieldValues");
        fields.put("summary", request.subject());
        fields.put("description", "{noformat}\n" + request.transcriptText().replace("{noformat}", "{ noformat}")
                + "{noformat}");
        return json.writeValueAsString(body);
    }

    /**
     * The request the service desk opened ({@code issueKey}, {@code _links.agent}). Its priority is not in the
     * answer: {@link #labelled} gives the one the edit sets.
     */
    public Ticket fromCreate(String answer) {
        JsonNode request = parse(answer);
        String key = request.path("issueKey").asText("");
        if (key.isEmpty()) {
            throw new UnreadableUpstreamResponse("Jira Service Management create answer without an issue key", null);
        }
        return new Ticket(key, request.path("_links").path("agent").asText(browse(key)), null);
    }

    /** {@code PUT /rest/api/3/issue/{key}}: the request's issue. */
    public String issuePath(Ticket ticket) {
        return "/rest/api/3/issue/" + URLEncoder.encode(ticket.ticketId(), StandardCharsets.UTF_8);
    }

    /** The edit after creating: add the conversation and customer labels, set the priority (unless turned off). */
    public String editBody(TicketRequest request) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.putObject("update").putArray("labels")
                .add(json.createObjectNode().put("add", conversationLabel(request)))
                .add(json.createObjectNode().put("add", customerLabel(request.customerId())));
        if (setPriority) {
            body.putObject("fields").putObject("priority").put("name", TO_JIRA.getOrDefault(request.priority(), "Medium"));
        }
        return json.writeValueAsString(body);
    }

    /** The opened ticket with the priority it was asked for. */
    public Ticket labelled(Ticket ticket, TicketRequest request) {
        return new Ticket(ticket.ticketId(), ticket.url(), request.priority());
    }

    /** A customer's unsolved tickets: their label, in a status not of the Done category, latest first. */
    public String openTicketsQuery(String customerId) {
        return query("labels = " + jqlString(customerLabel(customerId)) + " AND statusCategory != Done"
                + " ORDER BY updated DESC", "summary,status,priority,updated", 50);
    }

    /** Tickets out of a search answer. */
    public List<TicketSummary> openTickets(String answer) {
        List<TicketSummary> tickets = new ArrayList<>();
        for (JsonNode issue : issues(answer)) {
            JsonNode fields = issue.path("fields");
            tickets.add(new TicketSummary(issue.path("key").asText(), fields.path("summary").asText(null),
                    status(fields.path("status")), priority(fields.path("priority").path("name").asText(null)),
                    Timestamps.parse(fields.path("updated").asText(null))));
        }
        return tickets;
    }

    /** Jira's status to the canonical one: by its category (new, indeterminate, done), "waiting for customer" pending. */
    static String status(JsonNode status) {
        String name = status.path("name").asText("").toLowerCase(Locale.ROOT);
        return switch (status.path("statusCategory").path("key").asText("")) {
            case "new" -> "new";
            case "done" -> "solved";
            default -> name.contains("waiting for customer") || name.equals("pending") ? "pending" : "open";
        };
    }

    static String priority(String jiraName) {
        return jiraName == null ? "normal" : FROM_JIRA.getOrDefault(jiraName.toLowerCase(Locale.ROOT), "normal");
    }

    /** A JQL string literal: double quotes, with backslashes and double quotes inside escaped. */
    static String jqlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String query(String jql, String fields, int maxResults) {
        return "jql=" + encode(jql) + "&fields=" + encode(fields) + "&maxResults=" + maxResults;
    }

    private String browse(String key) {
        return baseUrl.isEmpty() ? null : baseUrl + "/browse/" + key;
    }

    private JsonNode issues(String answer) {
        JsonNode issues = parse(answer).path("issues");
        if (!issues.isArray()) {
            throw new UnreadableUpstreamResponse("Jira search answer without issues", null);
        }
        return issues;
    }

    private JsonNode parse(String answer) {
        return VendorJson.readObject(json, answer, "Jira");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

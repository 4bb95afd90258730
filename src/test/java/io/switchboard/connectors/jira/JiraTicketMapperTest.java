package io.switchboard.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.Ticket;
import io.switchboard.model.TicketRequest;
import io.switchboard.model.TicketSummary;
import io.switchboard.model.TranscriptEntry;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jira Service Management's request and issue shapes, against the sandbox fixtures and Atlassian's examples. */
class JiraTicketMapperTest {

    private static final String BASE = "https://example.atlassian.net";

    private final ObjectMapper json = new ObjectMapper();
    private final JiraTicketMapper mapper = new JiraTicketMapper(json, BASE, "10", "25", true);
    private final TicketRequest request = new TicketRequest("conv-7", "207119551", "Where is my parcel?",
            List.of(new TranscriptEntry("customer", "It is *late* {noformat}", Instant.parse("2026-11-24T06:00:00Z"))),
            "urgent");

    @Test
    void theCreateIsACustomerRequestWithTheTranscriptVerbatim() throws Exception {
        JsonNode body = json.readTree(mapper.createBody(request));

        assertThat(body.path("serviceDeskId").asText()).isEqualTo("10");
        assertThat(body.path("requestTypeId").asText()).isEqualTo("25");
        assertThat(body.path("requestFieldValues").path("summary").asText()).isEqualTo("Where is my parcel?");
        String description = body.path("requestFieldValues").path("description").asText();
        assertThat(description).startsWith("{noformat}\n").endsWith("{noformat}")
                .contains("customer: It is *late* { noformat}");
    }

    @Test
    void theCreateAnswerIsTheRequestsKeyAndAgentLink() {
        // the "Create customer request" example answer (trimmed)
        String answer = "{\"issueId\":\"107001\",\"issueKey\":\"HELPDESK-1\",\"requestTypeId\":\"25\",\"serviceDeskId\":\"10\","
                + "\"currentStatus\":{\"status\":\"Waiting for Support\",\"statusCategory\":\"NEW\"},"
                + "\"_links\":{\"jiraRest\":\"https://your-domain.atlassian.net/rest/api/2/issue/107001\","
                + "\"web\":\"https://your-domain.atlassian.net/servicedesk/customer/portal/10/HELPDESK-1\","
                + "\"self\":\"https://your-domain.atlassian.net/rest/servicedeskapi/request/107001\","
                + "\"agent\":\"https://your-domain.atlassian.net/browse/HELPDESK-1\"}}";

        Ticket ticket = mapper.labelled(mapper.fromCreate(answer), request);

        assertThat(ticket).isEqualTo(new Ticket("HELPDESK-1", "https://your-domain.atlassian.net/browse/HELPDESK-1", "urgent"));
        assertThat(mapper.issuePath(ticket)).isEqualTo("/rest/api/3/issue/HELPDESK-1");
        assertThatThrownBy(() -> mapper.fromCreate("{\"errorMessage\":\"x\"}")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromCreate("{\"issueKey\":")).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void theEditLabelsTheRequestAndSetsItsPriority() throws Exception {
        JsonNode edit = json.readTree(mapper.editBody(request));

        assertThat(edit.path("update").path("labels").toString())
                .isEqualTo("[{\"add\":\"conversation-conv-7\"},{\"add\":\"customer-207119551\"}]");
        assertThat(edit.path("fields").path("priority").path("name").asText()).isEqualTo("Highest");
        JsonNode withoutPriority = json.readTree(new JiraTicketMapper(json, BASE, "10", "25", false).editBody(request));
        assertThat(withoutPriority.has("fields")).isFalse();
    }

    @Test
    void prioritiesMapBothWays() throws Exception {
        for (String[] pair : new String[][] {{"low", "Low"}, {"normal", "Medium"}, {"high", "High"}, {"urgent", "Highest"}}) {
            TicketRequest asked = new TicketRequest("c", "1", "s", request.transcript(), pair[0]);
            assertThat(json.readTree(mapper.editBody(asked)).path("fields").path("priority").path("name").asText())
                    .isEqualTo(pair[1]);
            assertThat(JiraTicketMapper.priority(pair[1])).isEqualTo(pair[0]);
        }
        assertThat(JiraTicketMapper.priority("Lowest")).isEqualTo("low");
        assertThat(JiraTicketMapper.priority("Blocker")).isEqualTo("normal");
        assertThat(JiraTicketMapper.priority(null)).isEqualTo("normal");
    }

    @Test
    void theLookupIsJqlOnTheConversationLabel() {
        String query = URLDecoder.decode(mapper.searchQuery(request), StandardCharsets.UTF_8);
        assertThat(query).isEqualTo("jql=labels = \"conversation-conv-7\"&fields=priority,labels&maxResults=10");

        String found = "{\"issues\":[{\"id\":\"10002\",\"key\":\"HELP-2\",\"fields\":{\"labels\":[\"other\"]}},"
                + "{\"id\":\"10003\",\"key\":\"HELP-3\",\"fields\":{\"labels\":[\"conversation-conv-7\",\"customer-207119551\"],"
                + "\"priority\":{\"name\":\"High\",\"id\":\"2\"}}}],\"isLast\":true}";
        assertThat(mapper.fromSearch(found, request)).isEqualTo(new Ticket("HELP-3", BASE + "/browse/HELP-3", "high"));
        assertThat(mapper.fromSearch("{\"issues\":[],\"isLast\":true}", request)).isNull();
        assertThatThrownBy(() -> mapper.fromSearch("{\"errorMessages\":[\"bad\"]}", request))
                .isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void labelsAndJqlStringsCannotBeBrokenOutOf() {
        assertThat(JiraTicketMapper.customerLabel("a b\"c")).isEqualTo("customer-a_b_c");
        assertThat(JiraTicketMapper.jqlString("x\" OR project = \"Y\\")).isEqualTo("\"x\\\" OR project = \\\"Y\\\\\"");
    }

    @Test
    void theCustomersOpenRequestsFromTheSandbox() throws Exception {
        String query = URLDecoder.decode(mapper.openTicketsQuery("207119551"), StandardCharsets.UTF_8);
        assertThat(query).isEqualTo("jql=labels = \"customer-207119551\" AND statusCategory != Done ORDER BY updated DESC"
                + "&fields=summary,status,priority,updated&maxResults=50");

        String fixture = Files.readString(Path.of("sandbox/jira/__files/search-open-tickets.json"))
                .replace("{{request.baseUrl}}", BASE);
        List<TicketSummary> tickets = mapper.openTickets(fixture);

        assertThat(tickets).containsExactly(
                new TicketSummary("HELP-231", "Where is my parcel?", "new", "high", Instant.parse("2026-11-21T10:00:00Z")),
                new TicketSummary("HELP-217", "Change my delivery address", "pending", "normal",
                        Instant.parse("2026-11-19T14:30:00Z")));
    }

    @Test
    void statusesByCategory() throws Exception {
        assertThat(JiraTicketMapper.status(json.readTree("{\"name\":\"In Progress\",\"statusCategory\":{\"key\":\"indeterminate\"}}")))
                .isEqualTo("open");
        assertThat(JiraTicketMapper.status(json.readTree("{\"name\":\"Resolved\",\"statusCategory\":{\"key\":\"done\"}}")))
                .isEqualTo("solved");
        assertThat(JiraTicketMapper.status(json.readTree("{\"name\":\"Pending\",\"statusCategory\":{\"key\":\"indeterminate\"}}")))
                .isEqualTo("pending");
    }
}

package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.helpdesk.provider=freshdesk and =jira: the same canonical answers from their sandboxes, one ticket per
 * conversation at the vendor, and the customer's open tickets in their context.
 */
class HelpdeskProviderSwitchTest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void freshSandboxes() {
        for (String vendor : Sandboxes.VENDORS) {
            Sandboxes.reset(vendor);
        }
    }

    @Test
    void freshdeskOpensOneTicketPerConversationToo() throws Exception {
        try (ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=freshdesk")) {
            int port = SwitchedHub.port(hub);
            String body = "{\"conversationId\":\"conv-fd-1\",\"subject\":\"Where is my parcel?\",\"transcript\":["
                    + "{\"role\":\"customer\",\"text\":\"It is late and I am upset\",\"at\":\"2026-11-24T06:00:00Z\"}]}";

            HttpResponse<String> first = post(port, body);
            HttpResponse<String> second = post(port, body);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            JsonNode created = json.readTree(first.body());
            assertThat(created.path("priority").asText()).isEqualTo("high");
            assertThat(created.path("url").asText()).endsWith("/a/tickets/" + created.path("ticketId").asText());
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(json.readTree(second.body()).path("ticketId")).isEqualTo(created.path("ticketId"));
            Sandboxes.server("freshdesk").verify(1, postRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                    .withRequestBody(matchingJsonPath("$.tags[0]", equalTo("conversation-conv-fd-1")))
                    .withRequestBody(matchingJsonPath("$.tags[1]", equalTo("customer-" + Tokens.CUSTOMER)))
                    .withRequestBody(matchingJsonPath("$.priority", equalTo("3")))
                    .withRequestBody(matchingJsonPath("$.unique_external_id", equalTo(Tokens.CUSTOMER))));
        }
    }

    @Test
    void freshdeskAnswersTheCustomersOpenTicketsInTheirContext() throws Exception {
        try (ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=freshdesk")) {
            JsonNode context = context(SwitchedHub.port(hub));

            assertThat(context.path("sources").path("helpdesk").asText()).isEqualTo("ok");
            assertThat(context.path("openTickets").toString()).isEqualTo("["
                    + "{\"id\":\"4217\",\"subject\":\"Where is my parcel?\",\"status\":\"open\",\"priority\":\"high\","
                    + "\"updatedAt\":\"2026-11-21T10:00:00Z\"},"
                    + "{\"id\":\"4203\",\"subject\":\"Change my delivery address\",\"status\":\"pending\",\"priority\":\"low\","
                    + "\"updatedAt\":\"2026-11-19T15:30:00Z\"}]");
            Sandboxes.server("freshdesk").verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search/tickets"))
                    .withQueryParam("query", equalTo("\"tag:'customer-" + Tokens.CUSTOMER + "' AND (status:2 OR status:3)\"")));
        }
    }

    @Test
    void jiraOpensOneTicketPerConversationToo() throws Exception {
        try (ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=jira")) {
            int port = SwitchedHub.port(hub);
            String body = "{\"conversationId\":\"conv-jira-1\",\"subject\":\"Where is my parcel?\",\"transcript\":["
                    + "{\"role\":\"customer\",\"text\":\"It is late and I am upset\",\"at\":\"2026-11-24T06:00:00Z\"}]}";

            HttpResponse<String> first = post(port, body);
            HttpResponse<String> second = post(port, body);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            JsonNode created = json.readTree(first.body());
            String key = created.path("ticketId").asText();
            assertThat(key).matches("HELP-\\d+");
            assertThat(created.path("priority").asText()).isEqualTo("high");
            assertThat(created.path("url").asText()).isEqualTo(Sandboxes.baseUrl("jira") + "/browse/" + key);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(json.readTree(second.body()).path("ticketId").asText()).isEqualTo(key);
            Sandboxes.server("jira").verify(1, postRequestedFor(urlPathEqualTo("/rest/servicedeskapi/request"))
                    .withRequestBody(matchingJsonPath("$.requestFieldValues.summary", equalTo("Where is my parcel?"))));
            Sandboxes.server("jira").verify(1, putRequestedFor(urlPathEqualTo("/rest/api/3/issue/" + key))
                    .withRequestBody(matchingJsonPath("$.update.labels[0].add", equalTo("conversation-conv-jira-1")))
                    .withRequestBody(matchingJsonPath("$.update.labels[1].add", equalTo("customer-" + Tokens.CUSTOMER)))
                    .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("High"))));
        }
    }

    @Test
    void jiraAnswersTheCustomersOpenTicketsInTheirContext() throws Exception {
        try (ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=jira")) {
            JsonNode context = context(SwitchedHub.port(hub));

            assertThat(context.path("sources").path("helpdesk").asText()).isEqualTo("ok");
            assertThat(context.path("openTickets").toString()).isEqualTo("["
                    + "{\"id\":\"HELP-231\",\"subject\":\"Where is my parcel?\",\"status\":\"new\",\"priority\":\"high\","
                    + "\"updatedAt\":\"2026-11-21T10:00:00Z\"},"
                    + "{\"id\":\"HELP-217\",\"subject\":\"Change my delivery address\",\"status\":\"pending\","
                    + "\"priority\":\"normal\",\"updatedAt\":\"2026-11-19T14:30:00Z\"}]");
            Sandboxes.server("jira").verify(1, getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql"))
                    .withQueryParam("jql", equalTo("labels = \"customer-" + Tokens.CUSTOMER
                            + "\" AND statusCategory != Done ORDER BY updated DESC")));
        }
    }

    private JsonNode context(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/" + Tokens.CUSTOMER + "/context"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

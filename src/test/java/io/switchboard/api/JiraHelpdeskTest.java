package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.helpdesk.provider=jira end to end, on a hub of its own: POST /api/v1/tickets as a Jira Service
 * Management request (looked up, created, labelled), and Jira failing in each way the outbound chain knows.
 */
@ExtendWith(OutputCaptureExtension.class)
class JiraHelpdeskTest {

    private static final String SEARCH = "/rest/api/3/search/jql";
    private static final String CREATE = "/rest/servicedeskapi/request";
    private static final String ISSUE = "/rest/api/3/issue/.+";

    @TempDir
    static Path data;
    static ConfigurableApplicationContext hub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=jira");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    @AfterEach
    void fresh() {
        Sandboxes.reset("jira");
        hub.getBean("jiraBreaker", CircuitBreaker.class).reset();
    }

    @Test
    void looksTheConversationUpThenOpensARequestOfTheServiceDeskWithTheAgentsToken() throws Exception {
        String conversation = conversation();

        HttpResponse<String> response = create(conversation, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String credentials = "Basic " + Base64.getEncoder().encodeToString(
                "agent@example.com:sandbox-not-a-secret".getBytes(StandardCharsets.UTF_8));
        Sandboxes.server("jira").verify(1, getRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo(credentials))
                .withQueryParam("jql", equalTo("labels = \"conversation-" + conversation + "\"")));
        Sandboxes.server("jira").verify(1, postRequestedFor(urlPathEqualTo(CREATE))
                .withHeader("Authorization", equalTo(credentials))
                .withRequestBody(matchingJsonPath("$.serviceDeskId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.requestTypeId", equalTo("10")))
                .withRequestBody(matchingJsonPath("$.requestFieldValues.summary", equalTo("Parcel")))
                .withRequestBody(matchingJsonPath("$.requestFieldValues.description",
                        containing("customer: My order 1002 has not arrived"))));
        Sandboxes.server("jira").verify(1, putRequestedFor(urlPathMatching(ISSUE))
                .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("Medium"))));
    }

    @Test
    void aRequestAnInterruptedAttemptOpenedIsFoundNotOpenedAgain() throws Exception {
        String conversation = conversation();
        Sandboxes.server("jira").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .withQueryParam("jql", equalTo("labels = \"conversation-" + conversation + "\""))
                .willReturn(okJson("{\"issues\":[{\"id\":\"10400\",\"key\":\"HELP-400\",\"fields\":{\"labels\":"
                        + "[\"conversation-" + conversation + "\",\"customer-207119551\"],\"priority\":{\"name\":\"Highest\"}}}],"
                        + "\"isLast\":true}")));

        HttpResponse<String> response = create(conversation, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode ticket = json.readTree(response.body());
        assertThat(ticket.path("ticketId").asText()).isEqualTo("HELP-400");
        assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
        Sandboxes.server("jira").verify(0, postRequestedFor(urlPathEqualTo(CREATE)));
        Sandboxes.server("jira").verify(0, putRequestedFor(urlPathMatching(ISSUE)));
    }

    @Test
    void aRequestThatCannotBeLabelledIsStillAnsweredAndNeverOpenedTwice(CapturedOutput output) throws Exception {
        Sandboxes.server("jira").stubFor(put(urlPathMatching(ISSUE)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[],\"errors\":{\"priority\":\"Field 'priority' cannot be set.\"}}")));
        String conversation = conversation();

        HttpResponse<String> first = create(conversation, "urgent");
        HttpResponse<String> again = create(conversation, "urgent");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json.readTree(first.body()).path("priority").asText()).isEqualTo("urgent");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("ticketId")).isEqualTo(json.readTree(first.body()).path("ticketId"));
        Sandboxes.server("jira").verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(output.getOut()).contains("was opened but not labelled (HttpOperationFailedException)");
    }

    @Test
    void aShortRateLimitOnTheCreateIsWaitedOutThenTheRequestOpened() throws Exception {
        Sandboxes.server("jira").stubFor(post(urlPathEqualTo(CREATE)).atPriority(1)
                .inScenario("rate limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));

        HttpResponse<String> response = create(conversation(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Sandboxes.server("jira").verify(2, postRequestedFor(urlPathEqualTo(CREATE)));
    }

    @Test
    void aLongRateLimitIsPassedOnWithItsRetryAfter() throws Exception {
        Sandboxes.server("jira").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        HttpResponse<String> response = create(conversation(), null);

        assertProblem(response, 503, "upstream_rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerWhichThenAnswersWithoutCallingJira() throws Exception {
        Sandboxes.server("jira").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            assertProblem(create(conversation(), null), 503, "upstream_unavailable");
        }
        Sandboxes.server("jira").resetRequests();

        HttpResponse<String> response = create(conversation(), null);

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        Sandboxes.server("jira").verify(0, anyRequestedFor(anyUrl()));
        JsonNode health = json.readTree(call("/actuator/health").body());
        assertThat(health.path("components").path("integrations").path("components").path("jira").path("status").asText())
                .isEqualTo("DOWN");
    }

    @Test
    void malformedJsonFromTheServiceDeskIsAnUpstreamErrorNotA500() throws Exception {
        Sandboxes.server("jira").stubFor(post(urlPathEqualTo(CREATE)).atPriority(1)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"issueKey\": ")));

        HttpResponse<String> response = create(conversation(), null);

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(response.body()).doesNotContain("issueKey");
    }

    @Test
    void aSlowJiraIsAGatewayTimeout() throws Exception {
        Sandboxes.server("jira").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(okJson("{\"issues\":[],\"isLast\":true}").withFixedDelay(5_000)));

        assertProblem(create(conversation(), null), 504, "upstream_timeout");
    }

    @Test
    void theIntegrationHasItsHealthAndCallMetrics() throws Exception {
        assertThat(create(conversation(), null).statusCode()).isEqualTo(201);

        JsonNode health = json.readTree(call("/actuator/health").body());
        assertThat(health.path("components").path("integrations").path("components").path("jira").path("status").asText())
                .isEqualTo("UP");
        assertThat(call("/actuator/prometheus").body())
                .contains("switchboard_integration_calls_total{integration=\"jira\",outcome=\"success\"}")
                .contains("switchboard_integration_call_seconds_bucket{integration=\"jira\"")
                .contains("switchboard_circuit_open{integration=\"jira\"} 0.0");
    }

    private static String conversation() {
        return "conv-" + UUID.randomUUID();
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("source").asText()).isEqualTo("helpdesk");
    }

    private HttpResponse<String> create(String conversation, String priority) throws Exception {
        String body = "{\"conversationId\":\"" + conversation + "\",\"subject\":\"Parcel\",\"transcript\":["
                + "{\"role\":\"customer\",\"text\":\"My order 1002 has not arrived\",\"at\":\"2026-11-24T06:00:00Z\"}]"
                + (priority == null ? "" : ",\"priority\":\"" + priority + "\"") + "}";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + SwitchedHub.port(hub) + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + SwitchedHub.port(hub) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /api/v1/tickets end to end, with Zendesk's sandbox as the helpdesk. */
@HubTest
class TicketEndpointTest {

    private static final String TICKETS = "/api/v2/tickets.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreaker zendeskBreaker;

    @BeforeEach
    void freshState() {
        Sandboxes.reset("zendesk");
        zendeskBreaker.reset();
    }

    @AfterEach
    void restoreSandbox() {
        Sandboxes.reset("zendesk");
    }

    @Test
    void opensOneTicketPerConversationAtTheVendor() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String body = request(conversation, "Where is my parcel?", "My order 1002 has not arrived", null);

        HttpResponse<String> first = create(body);
        HttpResponse<String> second = create(body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode created = json.readTree(first.body());
        assertThat(created.path("deduplicated").asBoolean()).isFalse();
        assertThat(created.path("ticketId").asText()).isNotBlank();
        assertThat(created.path("url").asText()).endsWith("/agent/tickets/" + created.path("ticketId").asText());
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode repeated = json.readTree(second.body());
        assertThat(repeated.path("ticketId").asText()).isEqualTo(created.path("ticketId").asText());
        assertThat(repeated.path("deduplicated").asBoolean()).isTrue();
        String credentials = "Basic " + Base64.getEncoder().encodeToString("agent@example.com/token:sandbox-not-a-secret".getBytes());
        Sandboxes.server("zendesk").verify(1, postRequestedFor(urlPathEqualTo(TICKETS))
                .withHeader("Authorization", equalTo(credentials))
                .withRequestBody(matchingJsonPath("$.ticket.external_id", equalTo(conversation)))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", containing("customer: My order 1002 has not arrived"))));
    }

    @Test
    void thePriorityComesFromTheTranscriptWhenAbsentAndIsKeptWhenGiven() throws Exception {
        HttpResponse<String> angry = create(request("conv-" + UUID.randomUUID(), "Refund",
                "This is UNACCEPTABLE, I want a refund immediately!!", null));
        HttpResponse<String> given = create(request("conv-" + UUID.randomUUID(), "Question", "Thanks, all good", "high"));

        assertThat(json.readTree(angry.body()).path("priority").asText()).isEqualTo("urgent");
        assertThat(json.readTree(given.body()).path("priority").asText()).isEqualTo("high");
        Sandboxes.server("zendesk").verify(1, postRequestedFor(urlPathEqualTo(TICKETS))
                .withRequestBody(matchingJsonPath("$.ticket.priority", equalTo("urgent"))));
    }

    @Test
    void aTicketAnInterruptedAttemptAlreadyOpenedIsFoundNotOpenedAgain() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        Sandboxes.server("zendesk").stubFor(get(urlPathEqualTo(TICKETS)).atPriority(1)
                .withQueryParam("external_id", equalTo(conversation))
                .willReturn(okJson("{\"tickets\":[{\"id\":35436,\"external_id\":\"" + conversation
                        + "\",\"priority\":\"high\",\"status\":\"open\"}],\"count\":1}")));

        HttpResponse<String> response = create(request(conversation, "Parcel", "Still nothing", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json.readTree(response.body()).path("ticketId").asText()).isEqualTo("35436");
        Sandboxes.server("zendesk").verify(0, postRequestedFor(urlPathEqualTo(TICKETS)));
    }

    @Test
    void zendesksRateLimitIsWaitedOutThenTheTicketOpened() throws Exception {
        Sandboxes.server("zendesk").stubFor(post(urlPathEqualTo(TICKETS)).atPriority(1)
                .inScenario("rate limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "text/plain")
                        .withHeader("retry-after", "1").withBody("Number of allowed API requests per minute exceeded"))
                .willSetStateTo("open"));

        HttpResponse<String> response = create(request("conv-" + UUID.randomUUID(), "Parcel", "Where is it?", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Sandboxes.server("zendesk").verify(2, postRequestedFor(urlPathEqualTo(TICKETS)));
    }

    @Test
    void aHelpdeskOutageIsUnavailableAndTheRetryOpensTheTicket() throws Exception {
        String body = request("conv-" + UUID.randomUUID(), "Parcel", "Where is it?", null);
        Sandboxes.stop("zendesk");

        HttpResponse<String> down = create(body);
        Sandboxes.reset("zendesk");
        HttpResponse<String> retried = create(body);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json.readTree(down.body()).path("source").asText()).isEqualTo("helpdesk");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void anotherCustomersConversationIsNotFound() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        assertThat(create(request(conversation, "Mine", "Hello", null)).statusCode()).isEqualTo(201);

        HttpResponse<String> other = create(request(conversation, "Mine", "Hello", null),
                Tokens.forCustomer("115310627", "tickets:write"));

        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void invalidRequestsNameTheField() throws Exception {
        assertField("{\"subject\":\"s\",\"transcript\":[{\"role\":\"customer\",\"text\":\"t\",\"at\":\"2026-11-24T06:00:00Z\"}]}", "conversationId");
        assertField(request("c-1", "s", "t", "whenever"), "priority");
        assertField("{\"conversationId\":\"c-1\",\"subject\":\"s\",\"transcript\":[{\"role\":\"boss\",\"text\":\"t\",\"at\":\"2026-11-24T06:00:00Z\"}]}", "transcript[0].role");
        assertField("{\"conversationId\":\"c-1\",\"subject\":\"s\",\"transcript\":[{\"role\":\"customer\",\"text\":\"t\",\"at\":\"yesterday\"}]}", "transcript[0].at");
        assertField("{\"conversationId\":\"c-1\",\"subject\":\"s\",\"transcript\":[]}", "transcript");
        assertThat(create("not json").statusCode()).isEqualTo(400);
        assertThat(create(request("c-1", "s", "t", null), Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).statusCode())
                .isEqualTo(403);
    }

    private void assertField(String body, String field) throws Exception {
        HttpResponse<String> response = create(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("field").asText()).isEqualTo(field);
    }

    private static String request(String conversation, String subject, String customerSays, String priority) {
        return "{\"conversationId\":\"" + conversation + "\",\"subject\":\"" + subject + "\",\"transcript\":["
                + "{\"role\":\"customer\",\"text\":\"" + customerSays + "\",\"at\":\"2026-11-24T06:00:00Z\"},"
                + "{\"role\":\"assistant\",\"text\":\"Let me open a ticket.\",\"at\":\"2026-11-24T06:00:05Z\"}]"
                + (priority == null ? "" : ",\"priority\":\"" + priority + "\"") + ",\"somethingNew\":1}";
    }

    private HttpResponse<String> create(String body) throws Exception {
        return create(body, Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"));
    }

    private HttpResponse<String> create(String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

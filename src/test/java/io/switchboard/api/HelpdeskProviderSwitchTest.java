package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** switchboard.helpdesk.provider=freshdesk: the same canonical answers from Freshdesk's sandbox. */
class HelpdeskProviderSwitchTest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void freshdeskOpensOneTicketPerConversationToo() throws Exception {
        Sandboxes.reset("freshdesk");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.helpdesk.provider=freshdesk",
                        "--switchboard.vendors.freshdesk.base-url=" + Sandboxes.baseUrl("freshdesk"),
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"))) {
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
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
                    .withRequestBody(matchingJsonPath("$.priority", equalTo("3")))
                    .withRequestBody(matchingJsonPath("$.unique_external_id", equalTo(Tokens.CUSTOMER))));
        }
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

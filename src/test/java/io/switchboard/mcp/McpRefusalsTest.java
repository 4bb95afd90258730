package io.switchboard.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP server driven by the official TypeScript MCP SDK, refusing and failing as the REST API does: no token is
 * refused with a pointer to the resource metadata, a token is held to its scopes and its customer, and a vendor that
 * is down is reported unavailable, never not found.
 */
@HubTest
class McpRefusalsTest extends McpClientCase {

    private static final String ORDERS_JSON = "/admin/api/2025-07/orders.json";

    @Test
    void withoutATokenTheClientIsRefusedAndToldWhereTheResourceMetadataIs() throws Exception {
        JsonNode report = run(null, List.of(list()));

        assertThat(report.path("connected").asBoolean()).isFalse();
        assertThat(report.path("error").asText()).contains("401");
        assertThat(report.path("results")).isEmpty();

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        String metadataUrl = "http://localhost:" + port + "/.well-known/oauth-protected-resource/mcp";
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"" + metadataUrl + "\""));
        JsonNode metadata = json.readTree(http.send(HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(metadata.path("resource").asText()).isEqualTo("http://localhost:" + port + "/mcp");
        assertThat(metadata.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
    }

    @Test
    void aTokenIsHeldToItsScopesAndItsCustomerAsOnTheRestApi() throws Exception {
        JsonNode report = run(Tokens.forCustomer(Tokens.CUSTOMER, "orders:read orders:write"), List.of(
                call("get_customer", Map.of()),
                call("cancel_order", Map.of("orderNumber", "1001")),
                call("get_order_status", Map.of("orderNumber", "not an order!")),
                call("log_conversation_event", Map.of("conversationId", "c-1", "type", "resolved",
                        "at", "2026-11-24T06:00:00Z"))));

        JsonNode results = report.path("results");
        assertThat(error(results.get(0)).path("code").asText()).isEqualTo("forbidden");
        assertThat(error(results.get(1)).path("code").asText()).isEqualTo("step_up_required");
        assertThat(error(results.get(2)).path("code").asText()).isEqualTo("invalid_request");
        assertThat(error(results.get(2)).path("field").asText()).isEqualTo("orderNumber");
        assertThat(error(results.get(3)).path("code").asText()).isEqualTo("invalid_request");
        assertThat(error(results.get(3)).path("field").asText()).isEqualTo("eventId");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_cancellations", Integer.class)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_log"
                + " WHERE actor = ? AND action = 'MCP tool cancel_order' AND outcome = 'step_up_required'"
                + " AND at > now() - interval '1 minute'", Integer.class, "jwt:" + Tokens.CUSTOMER) > 0);
    }

    @Test
    void aVendorThatIsDownIsReportedUnavailableNeverNotFound() throws Exception {
        ShopifySandbox.server().stubFor(get(urlPathEqualTo(ORDERS_JSON)).atPriority(0)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode report = run(Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"),
                List.of(call("get_order_status", Map.of("orderNumber", "1001"))));

        JsonNode result = report.path("results").get(0);
        JsonNode problem = error(result);
        assertThat(problem.path("code").asText()).isEqualTo("upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("orders");
        assertThat(problem.path("retryAfterSeconds").asLong()).isPositive();
        assertThat(result.toString()).doesNotContain("not_found");
    }
}

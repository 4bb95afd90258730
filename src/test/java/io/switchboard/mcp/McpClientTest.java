package io.switchboard.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The MCP server driven by the official TypeScript MCP SDK ({@code src/test/mcp-client/client.mjs}: its
 * {@code Client} over {@code StreamableHTTPClientTransport}, the bearer token in {@code requestInit.headers}), as an
 * assistant would: initialize, list the tools, call each one, and the refusals and failures the REST API has.
 */
@HubTest
class McpClientTest {

    private static final String CLIENT = "src/test/mcp-client";
    private static final String ALL_SCOPES =
            "orders:read orders:write customer:read tickets:write kb:read conversations:write catalog:read";
    private static final String ORDERS_JSON = "/admin/api/2025-07/orders.json";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ChatTools tools;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Autowired
    CircuitBreaker shopifyBreaker;

    private static boolean warm;

    @BeforeEach
    void freshState() throws Exception {
        if (!warm) {   // the first vendor calls after startup can outlast the test profile's short timeouts
            String reader = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read customer:read kb:read");
            for (String path : List.of("/api/v1/orders/1001", "/api/v1/kb/search?q=warm",
                    "/api/v1/customers/" + Tokens.CUSTOMER + "/context")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + port + path)).header("Authorization", "Bearer " + reader).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && !answer.body().contains("\"timeout\"")
                            && !answer.body().contains("\"unavailable\"");
                });
            }
            String writer = Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write");
            String ticket = "{\"conversationId\":\"mcp-warm-up-" + UUID.randomUUID() + "\",\"subject\":\"warm-up\","
                    + "\"transcript\":[{\"role\":\"customer\",\"text\":\"hello\",\"at\":\"2026-11-24T06:00:00Z\"}]}";
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/v1/tickets")).header("Authorization", "Bearer " + writer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ticket))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() < 300);
            warm = true;
        }
        restore();
        jdbc.update("DELETE FROM order_cancellations");
    }

    @AfterEach
    void restore() {
        ShopifySandbox.reset();
        Sandboxes.reset("zendesk");
        Sandboxes.reset("hubspot");
        orderCache.invalidateAll();
        shopifyBreaker.reset();
    }

    @Test
    void theOfficialClientListsAndCallsEveryToolWithTheCustomersToken() throws Exception {
        String conversation = "mcp-" + UUID.randomUUID();
        List<Map<String, Object>> transcript = List.of(Map.of("role", "customer",
                "text", "My order 1002 has not arrived", "at", "2026-11-24T06:00:00Z"));
        Map<String, Object> event = Map.of("conversationId", conversation, "eventId", "msg-1", "type", "message",
                "role", "customer", "text", "Where is my parcel?", "at", "2026-11-24T06:00:00Z");

        JsonNode report = run(Tokens.verified(Tokens.CUSTOMER, ALL_SCOPES), List.of(
                list(),
                call("get_order_status", Map.of("orderNumber", "1002")),
                call("get_order_status", Map.of("orderNumber", "1003")),
                call("get_customer", Map.of()),
                call("get_customer_context", Map.of()),
                call("search_knowledge_base", Map.of("query", "where is my order", "limit", 5)),
                call("get_product", Map.of("sku", "IPOD2008GREEN")),
                call("create_ticket", Map.of("conversationId", conversation, "subject", "Where is my parcel?",
                        "transcript", transcript)),
                call("create_ticket", Map.of("conversationId", conversation, "subject", "Where is my parcel?",
                        "transcript", transcript)),
                call("log_conversation_event", event),
                call("log_conversation_event", event),
                call("cancel_order", Map.of("orderNumber", "1001")),
                call("cancel_order", Map.of("orderNumber", "1003")),
                call("change_order_address", Map.of("orderNumber", "1002", "firstName", "Bob", "lastName", "Norman",
                        "address1", "Quokkastraat 4242", "city", "Wombatville", "postalCode", "Q9-8877",
                        "countryCode", "US"))));

        assertThat(report.path("connected").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.at("/server/info/name").asText()).isEqualTo("switchboard");
        assertThat(report.at("/server/capabilities").has("tools")).isTrue();
        JsonNode results = report.path("results");

        List<String> listed = new ArrayList<>();
        results.get(0).path("tools").forEach(tool -> listed.add(tool.path("name").asText()));
        assertThat(listed).containsExactlyElementsOf(tools.all().stream().map(ChatTool::name).toList());
        List<String> called = new ArrayList<>();
        results.forEach(step -> {
            if (step.has("name")) {
                called.add(step.path("name").asText());
            }
        });
        assertThat(called).containsAll(listed);

        JsonNode order = answer(results.get(1));
        assertThat(order.path("orderNumber").asText()).isEqualTo("1002");
        assertThat(order.path("status").asText()).isEqualTo("in_transit");
        assertThat(order.path("carrier").asText()).isEqualTo("UPS");
        assertThat(results.get(1).toString()).doesNotContain("Chestnut", "409.94", "bob.norman");

        assertThat(error(results.get(2)).path("code").asText()).isEqualTo("not_found");
        assertThat(results.get(2).toString()).doesNotContain("115310627", "jane");

        assertThat(answer(results.get(3)).path("id").asText()).isEqualTo(Tokens.CUSTOMER);
        JsonNode context = answer(results.get(4));
        assertThat(context.at("/customer/id").asText()).isEqualTo(Tokens.CUSTOMER);
        assertThat(context.at("/sources/crm").asText()).isEqualTo("ok");
        assertThat(context.at("/sources/orders").asText()).isEqualTo("ok");
        assertThat(answer(results.get(5)).path("results").get(0).path("title").asText()).isEqualTo("Where is my order?");
        assertThat(answer(results.get(6)).path("sku").asText()).isEqualTo("IPOD2008GREEN");

        JsonNode ticket = answer(results.get(7));
        JsonNode again = answer(results.get(8));
        assertThat(ticket.path("deduplicated").asBoolean()).isFalse();
        assertThat(again.path("deduplicated").asBoolean()).isTrue();
        assertThat(again.path("ticketId").asText()).isEqualTo(ticket.path("ticketId").asText());
        Sandboxes.server("zendesk").verify(1, postRequestedFor(urlPathMatching("/api/v2/tickets.*"))
                .withRequestBody(containing(conversation)));

        String eventId = answer(results.get(9)).path("eventId").asText();
        assertThat(eventId).startsWith("evt_");
        assertThat(answer(results.get(10)).path("eventId").asText()).isEqualTo(eventId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE conversation_id = ?",
                Integer.class, conversation)).isEqualTo(1);

        JsonNode cancellation = answer(results.get(11));
        assertThat(cancellation.path("orderNumber").asText()).isEqualTo("1001");
        assertThat(cancellation.path("status").asText()).isEqualTo("cancellation_requested");
        assertThat(error(results.get(12)).path("code").asText()).isEqualTo("not_found");
        assertThat(error(results.get(13)).path("code").asText()).as("1002 has shipped").isEqualTo("conflict");
        assertThat(results.get(13).toString()).doesNotContain("Quokkastraat", "Q9-8877");
    }

    @Test
    void helpArticlesAreResourcesBehindTheSameSearch() throws Exception {
        JsonNode report = run(Tokens.forCustomer(Tokens.CUSTOMER, "kb:read"), List.of(
                Map.of("op", "templates"),
                Map.of("op", "read", "uri", "kb://search/where%20is%20my%20order")));
        JsonNode refused = run(Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"), List.of(
                Map.of("op", "read", "uri", "kb://search/returns")));

        JsonNode results = report.path("results");
        assertThat(results.get(0).at("/resourceTemplates/0/uriTemplate").asText()).isEqualTo("kb://search/{query}");
        JsonNode contents = results.get(1).at("/result/contents/0");
        assertThat(contents.path("uri").asText()).isEqualTo("kb://search/where%20is%20my%20order");
        assertThat(json.readTree(contents.path("text").asText()).at("/results/0/title").asText())
                .isEqualTo("Where is my order?");
        assertThat(refused.at("/results/0/error").asText()).contains("forbidden");
        assertThat(refused.at("/results/0/data/code").asText()).isEqualTo("forbidden");
    }

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

    private JsonNode run(String token, List<Map<String, Object>> steps) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/mcp-client"));
        Path plan = Files.createTempFile(dir, "plan-", ".json");
        Path report = Files.createTempFile(dir, "report-", ".json");
        Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("url", "http://localhost:" + port + "/mcp");
        contents.put("token", token);
        contents.put("steps", steps);
        json.writeValue(plan.toFile(), contents);
        ExternalTools.Result result = ExternalTools.node(CLIENT, "client.mjs", plan.toAbsolutePath().toString(),
                report.toAbsolutePath().toString());
        assertThat(result.ok()).as(result.output()).isTrue();
        return json.readTree(report.toFile());
    }

    private static Map<String, Object> list() {
        return Map.of("op", "list");
    }

    private static Map<String, Object> call(String name, Map<String, Object> arguments) {
        return Map.of("op", "call", "name", name, "arguments", arguments);
    }

    /** A successful tool result's answer: its structured content, which its text content holds too. */
    private JsonNode answer(JsonNode step) throws Exception {
        JsonNode result = step.path("result");
        assertThat(result.path("isError").asBoolean()).as(step.toString()).isFalse();
        JsonNode text = json.readTree(result.at("/content/0/text").asText());
        assertThat(result.path("structuredContent")).isEqualTo(text);
        return text;
    }

    /** A failed tool result's problem: isError, with the contract's code. */
    private JsonNode error(JsonNode step) throws Exception {
        JsonNode result = step.path("result");
        assertThat(result.path("isError").asBoolean()).as(step.toString()).isTrue();
        return json.readTree(result.at("/content/0/text").asText());
    }
}

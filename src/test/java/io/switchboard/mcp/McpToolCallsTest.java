package io.switchboard.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The MCP server driven by the official TypeScript MCP SDK as an assistant would: initialize, list the tools and call
 * each one with the customer's token, and read the help articles as resources behind the same search.
 */
@HubTest
class McpToolCallsTest extends McpClientCase {

    private static final String ALL_SCOPES =
            "orders:read orders:write customer:read tickets:write kb:read conversations:write catalog:read";

    @Autowired
    ChatTools tools;

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
}

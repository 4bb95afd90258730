package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an MCP client may get wrong, POSTed to {@code /mcp} with a valid token: each is answered with a JSON-RPC error
 * (parse error, invalid request, invalid params) whose data is the contract's {@code invalid_request}, never a 5xx
 * and never the transport's exception with its stack trace, also when members deep in a message have another type;
 * a well-formed message still reaches the server.
 */
@HubTest
class McpMalformedMessagesTest {

    private static final String BOTH = "application/json, text/event-stream";
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int INVALID_PARAMS = -32602;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    /** A message, the Accept header it is sent with, and the answer it must get: status, error code, id echoed. */
    record Case(String body, String accept, int status, int code, String id) {
    }

    @Test
    void malformedMessagesGetJsonRpcErrorsNeverAServerError() throws Exception {
        List<Case> cases = List.of(
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "application/json", 406,
                        INVALID_REQUEST, null),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "*/*", 406, INVALID_REQUEST, null),
                new Case("{\"jsonrpc\":", BOTH, 400, PARSE_ERROR, null),
                new Case("", BOTH, 400, PARSE_ERROR, null),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"} {}", BOTH, 400, PARSE_ERROR, null),
                new Case("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]", BOTH, 400, INVALID_REQUEST,
                        null),
                new Case("null", BOTH, 400, INVALID_REQUEST, null),
                new Case("\"tools/list\"", BOTH, 400, INVALID_REQUEST, null),
                new Case("{\"id\":1,\"method\":\"tools/list\"}", BOTH, 400, INVALID_REQUEST, "1"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}", BOTH, 400,
                        INVALID_REQUEST, null),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", BOTH, 400, INVALID_REQUEST, "1"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", BOTH, 400, INVALID_REQUEST, "1"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}", BOTH, 200, INVALID_PARAMS, "1"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":[1]}", BOTH, 200,
                        INVALID_PARAMS, "a"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"get_order_status\",\"arguments\":\"1001\"}}", BOTH, 200, INVALID_PARAMS, "2"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\"}", BOTH, 200, INVALID_PARAMS,
                        "3"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":100000000000000000000000000000,\"method\":\"tools/list\"}",
                        BOTH, 400, INVALID_REQUEST, null),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"get_order_status\",\"arguments\":{\"orderNumber\":\"1001\"},\"_meta\":[1]}}", BOTH, 200,
                        INVALID_PARAMS, "4"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "{\"v\":1}}}", BOTH, 200, INVALID_PARAMS, "5"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":{\"uri\":"
                        + "\"kb://search/%zz\"}}", BOTH, 200, INVALID_PARAMS, "6"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":null}", BOTH, 200,
                        INVALID_PARAMS, "7"));

        for (Case given : cases) {
            HttpResponse<String> answer = post(given.body(), given.accept());
            String what = given.body() + " (Accept: " + given.accept() + ") -> " + answer.body();
            assertThat(answer.statusCode()).as(what).isEqualTo(given.status());
            assertThat(answer.body()).as(what).doesNotContain("stackTrace", "Exception", "java.", "io.modelcontext");
            JsonNode error = json.readTree(answer.body());
            assertThat(error.path("jsonrpc").asText()).as(what).isEqualTo("2.0");
            assertThat(error.at("/error/code").asInt()).as(what).isEqualTo(given.code());
            assertThat(error.has("id")).as(what).isTrue();
            assertThat(error.get("id").isNull() ? null : error.get("id").asText()).as(what).isEqualTo(given.id());
            assertThat(error.at("/error/data/code").asText()).as(what).isEqualTo("invalid_request");
            assertThat(error.at("/error/data/detail").asText()).as(what).isNotBlank();
        }
    }

    @Test
    void aWellFormedCallStillReachesTheTool() throws Exception {
        HttpResponse<String> answer = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"search_knowledge_base\",\"arguments\":{\"query\":\"where is my order\"}}}", BOTH);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("id").asInt()).isEqualTo(7);
        assertThat(result.at("/result/isError").asBoolean()).as(answer.body()).isFalse();
    }

    /**
     * Well-formed messages of every method the server takes, each with one member (at any depth, the envelope's
     * included) replaced in turn by each value of another type: whatever the answer, never a 5xx and never an
     * internal's words.
     */
    @Test
    void messagesWithAMemberOfAnotherTypeNeverGetAServerErrorOrAnInternalsWords() throws Exception {
        List<String> messages = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{}},"
                        + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                        + "\"name\":\"search_knowledge_base\","
                        + "\"arguments\":{\"query\":\"where is my order\",\"limit\":5},\"_meta\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\","
                        + "\"params\":{\"uri\":\"kb://search/order\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/templates/list\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{}}");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> others = List.of(nodes.nullNode(), nodes.booleanNode(true), nodes.numberNode(-1),
                nodes.numberNode(1.5), nodes.textNode(""), nodes.textNode("%zz"), nodes.arrayNode().add(1),
                nodes.objectNode().put("a", 1));
        int sent = 0;
        for (String text : messages) {
            JsonNode original = json.readTree(text);
            for (JsonPointer member : members(original, JsonPointer.empty())) {
                for (JsonNode other : others) {
                    JsonNode message = original.deepCopy();
                    ((ObjectNode) message.at(member.head())).set(member.last().getMatchingProperty(), other);
                    HttpResponse<String> answer = post(message.toString(), BOTH);
                    assertThat(answer.statusCode()).as(message + " -> " + answer.body()).isLessThan(500);
                    assertThat(answer.body()).as(message.toString())
                            .doesNotContain("stackTrace", "Exception", "java.", "io.modelcontext", "Cannot invoke");
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(150);
    }

    /** The pointer of every member of every object in {@code node}. */
    private static List<JsonPointer> members(JsonNode node, JsonPointer at) {
        List<JsonPointer> members = new ArrayList<>();
        node.fields().forEachRemaining(member -> {
            JsonPointer pointer = at.appendProperty(member.getKey());
            members.add(pointer);
            members.addAll(members(member.getValue(), pointer));
        });
        return members;
    }

    private HttpResponse<String> post(String body, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "kb:read"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}

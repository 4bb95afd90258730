package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/tools} in both formats says exactly what the MCP server's {@code tools/list} says: the same
 * tools, in the same order, with the same descriptions and the same JSON schemas.
 */
@HubTest
class ToolSchemasTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void bothFunctionCallingFormatsMatchTheMcpToolList() throws Exception {
        JsonNode mcpTools = mcpToolsList();
        JsonNode openai = tools("openai");
        JsonNode anthropic = tools("anthropic");

        assertThat(mcpTools.size()).isGreaterThanOrEqualTo(8);
        assertThat(openai.path("format").asText()).isEqualTo("openai");
        assertThat(anthropic.path("format").asText()).isEqualTo("anthropic");
        assertThat(openai.path("tools")).hasSameSizeAs(mcpTools);
        assertThat(anthropic.path("tools")).hasSameSizeAs(mcpTools);
        for (int i = 0; i < mcpTools.size(); i++) {
            JsonNode mcp = mcpTools.get(i);
            JsonNode function = openai.path("tools").get(i);
            JsonNode anthropicTool = anthropic.path("tools").get(i);

            assertThat(function.path("type").asText()).isEqualTo("function");
            assertThat(function.at("/function/name")).isEqualTo(mcp.path("name"));
            assertThat(function.at("/function/description")).isEqualTo(mcp.path("description"));
            assertThat(function.at("/function/parameters")).isEqualTo(mcp.path("inputSchema"));

            assertThat(anthropicTool.path("name")).isEqualTo(mcp.path("name"));
            assertThat(anthropicTool.path("description")).isEqualTo(mcp.path("description"));
            assertThat(anthropicTool.path("input_schema")).isEqualTo(mcp.path("inputSchema"));

            assertThat(mcp.path("name").asText()).matches("[a-zA-Z0-9_-]{1,64}");
            assertThat(mcp.at("/inputSchema/type").asText()).isEqualTo("object");
            mcp.at("/inputSchema/required").forEach(required ->
                    assertThat(mcp.at("/inputSchema/properties").has(required.asText())).as(required.asText()).isTrue());
        }
    }

    @Test
    void anUnknownFormatIsAnInvalidRequestAndATokenIsNeeded() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/tools?format=gemini", token());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("field").asText()).isEqualTo("format");

        assertThat(get("/api/v1/tools?format=openai", null).statusCode()).isEqualTo(401);
    }

    private JsonNode mcpToolsList() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).at("/result/tools");
    }

    private JsonNode tools(String format) throws Exception {
        HttpResponse<String> response = get("/api/v1/tools?format=" + format, token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token() {
        return Tokens.forCustomer(Tokens.CUSTOMER, "kb:read");
    }
}

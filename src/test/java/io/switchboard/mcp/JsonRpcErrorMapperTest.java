package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import org.junit.jupiter.api.Test;

/** The errors the MCP transport answers on its own go out as JSON-RPC errors, not as the exception they are. */
class JsonRpcErrorMapperTest {

    private final JsonRpcErrorMapper mapper = new JsonRpcErrorMapper(McpJsonDefaults.getMapper());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anInternalErrorSaysNothingOfTheFailure() throws Exception {
        String written = mapper.writeValueAsString(McpError.builder(ErrorCodes.INTERNAL_ERROR)
                .message("Failed to handle request: Cannot invoke \"Object.toString()\" because \"x\" is null").build());

        JsonNode answer = json.readTree(written);
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.get("id").isNull()).isTrue();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(answer.at("/error/message").asText()).isEqualTo("Internal error");
        assertThat(written).doesNotContain("stackTrace", "Cannot invoke", "McpError");
    }

    @Test
    void anotherErrorKeepsItsCodeAndMessage() throws Exception {
        JsonNode answer = json.readTree(mapper.writeValueAsBytes(McpError.builder(ErrorCodes.INVALID_REQUEST)
                .message("Invalid message format").build()));

        assertThat(answer.at("/error/code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(answer.at("/error/message").asText()).isEqualTo("Invalid message format");
        assertThat(answer.has("stackTrace")).isFalse();
    }
}

package io.switchboard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MCP transport's JSON mapper, but for the errors the transport answers on its own: it hands them over as the
 * exception itself, which would go out with its stack trace. They go out as JSON-RPC error responses instead, and an
 * internal error's message, which is whatever the failure said, as "Internal error" ({@link McpMessageFilter} keeps
 * a client's mistakes from getting that far).
 */
final class JsonRpcErrorMapper implements McpJsonMapper {

    private final McpJsonMapper mapper;

    JsonRpcErrorMapper(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return mapper.writeValueAsString(value instanceof McpError error ? response(error) : value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return mapper.writeValueAsBytes(value instanceof McpError error ? response(error) : value);
    }

    /** The JSON-RPC error response, to no id: the transport answers this way when it could not take the message. */
    private static Map<String, Object> response(McpError error) {
        JSONRPCError given = error.getJsonRpcError();
        Integer code = given != null && given.code() != null ? given.code() : ErrorCodes.INTERNAL_ERROR;
        String message = code == ErrorCodes.INTERNAL_ERROR || given.message() == null ? "Internal error"
                : given.message();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", null);
        response.put("error", Map.of("code", code, "message", message));
        return response;
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object value, Class<T> type) {
        return mapper.convertValue(value, type);
    }

    @Override
    public <T> T convertValue(Object value, TypeRef<T> type) {
        return mapper.convertValue(value, type);
    }
}

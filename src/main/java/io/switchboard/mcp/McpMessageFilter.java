package io.switchboard.mcp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.switchboard.api.UnreadableInput;
import io.switchboard.input.BufferedRequest;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every message POSTed to {@code /mcp} is checked here, after authentication and rate limiting, before the MCP SDK's
 * transport reads it: the transport answers a message it cannot take with its exception serialized, stack trace
 * and all, and a request whose parameters it cannot bind with a 500. A POST carries one JSON-RPC 2.0 request or
 * notification; anything else is answered with a JSON-RPC error whose {@code data} is the contract's problem, as a
 * tool's errors are:
 * <ul>
 *   <li>an {@code Accept} header that does not name both JSON and an event stream, as the streamable HTTP transport
 *   requires of clients: 406;</li>
 *   <li>a body that is not JSON: 400, parse error;</li>
 *   <li>not one message object (a batch, a bare value), not {@code "jsonrpc": "2.0"}, an id that is neither a string
 *   nor a 64-bit integer, no method (a response: this server asks clients nothing), or a method that is not a
 *   string: 400, invalid request;</li>
 *   <li>params that are not an object, an initialize without its protocol version, a tool call without the tool's
 *   name or with arguments that are not an object, a resource read without its URI, params the transport cannot bind
 *   to its method's (a member of the wrong type): invalid params, answered to the request's id (200, as every
 *   JSON-RPC error to a request is).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
public class McpMessageFilter extends OncePerRequestFilter {

    /** The string parameter each method cannot do without. */
    private static final Map<String, String> REQUIRED_PARAM = Map.of("initialize", "protocolVersion",
            "tools/call", "name", "resources/read", "uri");
    /** What the transport binds each method's params to: params it cannot bind would be its 500. */
    private static final Map<String, Class<?>> PARAMS = Map.of("initialize", McpSchema.InitializeRequest.class,
            "tools/call", McpSchema.CallToolRequest.class, "resources/read", McpSchema.ReadResourceRequest.class);
    private static final McpJsonMapper TRANSPORT_JSON = McpJsonDefaults.getMapper();

    private final ObjectMapper json;
    private final ObjectReader oneValue;

    public McpMessageFilter(ObjectMapper json) {
        this.json = json;
        this.oneValue = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !McpServerConfiguration.PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!listsJsonAndEventStream(request.getHeader("Accept"))) {
            refuse(request, response, HttpServletResponse.SC_NOT_ACCEPTABLE, null, ErrorCodes.INVALID_REQUEST,
                    "Not acceptable", "Accept: must take both application/json and text/event-stream");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();   // BodyLimitFilter bounded it
        JsonNode message;
        try {
            message = body.length == 0 ? null : oneValue.readValue(body);
        } catch (JacksonException notJson) {
            message = null;
        }
        if (message == null || message.isMissingNode()) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, null, ErrorCodes.PARSE_ERROR,
                    "Parse error", "The body is not one JSON value");
            return;
        }
        String invalid = invalidEnvelope(message);
        JsonNode id = message.isObject() && validId(message.get("id")) ? message.get("id") : null;
        if (invalid != null) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, id, ErrorCodes.INVALID_REQUEST,
                    "Invalid request", invalid);
            return;
        }
        String invalidParams = invalidParams(message.get("method").asText(), message.get("params"));
        if (invalidParams != null) {
            refuse(request, response, id != null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_BAD_REQUEST,
                    id, ErrorCodes.INVALID_PARAMS, "Invalid params", invalidParams);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    /** What makes the message no JSON-RPC 2.0 request or notification, or null. */
    private static String invalidEnvelope(JsonNode message) {
        if (message.isArray()) {
            return "One JSON-RPC message per request: batches are not taken";
        }
        if (!message.isObject()) {
            return "A JSON-RPC message is a JSON object";
        }
        if (!message.path("jsonrpc").isTextual() || !"2.0".equals(message.get("jsonrpc").asText())) {
            return "jsonrpc: must be \"2.0\"";
        }
        if (message.has("id") && !validId(message.get("id"))) {
            return "id: a string or a 64-bit integer";
        }
        if (!message.has("method")) {
            return "method: required; this server takes requests and notifications, and sends no requests to answer";
        }
        if (!message.get("method").isTextual()) {
            return "method: a string";
        }
        return null;
    }

    /** A string, or an integer the transport can hold (a long). */
    private static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber() && id.canConvertToLong());
    }

    /** What is wrong with the method's parameters, or null. */
    private static String invalidParams(String method, JsonNode params) {
        if (params != null && !params.isNull() && !params.isObject()) {
            return "params: an object";
        }
        String required = REQUIRED_PARAM.get(method);
        if (required != null && (params == null || !params.path(required).isTextual())) {
            return "params." + required + ": required, a string";
        }
        JsonNode arguments = params == null ? null : params.get("arguments");
        if ("tools/call".equals(method) && arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return "params.arguments: an object";
        }
        Class<?> type = PARAMS.get(method);
        if (type != null && params != null) {
            try {
                TRANSPORT_JSON.convertValue(params, type);
            } catch (IllegalArgumentException unbound) {
                return (unbound.getCause() instanceof JsonMappingException member && !member.getPath().isEmpty()
                        ? "params." + UnreadableInput.field(member) : "params") + ": of the wrong type for " + method;
            }
        }
        return null;
    }

    /** Both named, as the transport wants them (a wildcard is not enough for it). */
    private static boolean listsJsonAndEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            var types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON))
                    && types.stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_EVENT_STREAM));
        } catch (IllegalArgumentException malformed) {   // InvalidMediaTypeException too
            return false;
        }
    }

    /** A JSON-RPC error response whose data is the contract's problem ({@code invalid_request}, the detail, the id). */
    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, JsonNode id, int code,
                        String message, String detail) throws IOException {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        ObjectNode error = answer.putObject("error").put("code", code).put("message", message);
        ObjectNode problem = error.putObject("data").put("code", "invalid_request").put("detail", detail);
        if (request.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            problem.put("requestId", requestId);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(answer));
    }
}

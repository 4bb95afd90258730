package io.switchboard.mcp;

import io.switchboard.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tool over a chat capability: what a model reads (name, title, description, a JSON schema of its arguments)
 * and which chat API route answers it, with how the arguments become that route's request.
 *
 * @param name        the tool's name, as models call it ({@code [a-z_]}, valid for MCP, OpenAI and Anthropic)
 * @param title       a short human-readable name
 * @param description what it does and when to use it, written for a model
 * @param inputSchema the JSON schema of its arguments (an object schema)
 * @param route       the chat API route that answers it ({@code direct:api.…}), the one behind the REST endpoint
 * @param request     the arguments as that route's request (path parameters as headers, the JSON body)
 * @param hints       what a client may assume about it (MCP's tool annotations)
 */
public record ChatTool(String name, String title, String description, Map<String, Object> inputSchema, String route,
                       RequestMapping request, Hints hints) {

    public ChatTool {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(inputSchema);
        Objects.requireNonNull(route);
        Objects.requireNonNull(request);
    }

    /** Turns a call's arguments into the route's request, for the calling customer. */
    @FunctionalInterface
    public interface RequestMapping {
        RouteRequest map(Map<String, Object> arguments, Caller caller);
    }

    /** The request a chat API route reads: its path and query parameters as headers, and a JSON body or null. */
    public record RouteRequest(Map<String, String> headers, Map<String, Object> body) {
    }

    /** MCP's tool annotations: whether the tool only reads, whether it undoes something, whether repeating is safe. */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
        public static final Hints READ = new Hints(true, false, true);
    }

    /** The argument names the schema requires. */
    @SuppressWarnings("unchecked")
    public List<String> required() {
        return (List<String>) inputSchema.getOrDefault("required", List.of());
    }
}

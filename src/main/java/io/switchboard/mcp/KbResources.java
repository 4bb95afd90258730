package io.switchboard.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.security.Caller;
import io.switchboard.tracing.RequestIds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Help articles as MCP resources: {@code kb://search/{query}} reads the articles answering a question (the query
 * URL-encoded), for clients that attach context as resources rather than calling tools. It is the
 * {@code search_knowledge_base} tool underneath (same route, scope {@code kb:read}, cache and errors); a failure is
 * a JSON-RPC error whose data is the contract's problem.
 */
final class KbResources {

    static final String PREFIX = "kb://search/";
    private static final String TOOL = "search_knowledge_base";

    private KbResources() {
    }

    static SyncResourceTemplateSpecification specification(ChatTools tools, ToolCalls calls, ObjectMapper json,
                                                           String callerKey) {
        ChatTool search = tools.named(TOOL).orElseThrow();
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(PREFIX + "{query}", "kb-search")
                .title("Help articles for a question")
                .description("The help center's articles answering a question, e.g. kb://search/where%20is%20my%20order:"
                        + " titles, plain-text snippets and links.")
                .mimeType("application/json")
                .build();
        return new SyncResourceTemplateSpecification(template, (context, request) -> {
            String query = query(request.uri());
            ToolCalls.Outcome outcome = calls.call(search, Map.of("query", query), (Caller) context.get(callerKey));
            String text = text(json, outcome.answer());
            if (outcome.error()) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message(String.valueOf(outcome.answer().get("code"))).data(outcome.answer()).build();
            }
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(request.uri(), "application/json", text)));
        });
    }

    /** The question in the resource's URI; a URI that does not decode is the client's mistake (invalid params). */
    private static String query(String uri) {
        try {
            return URLDecoder.decode(uri.substring(PREFIX.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            String detail = "uri: " + PREFIX + " followed by a URL-encoded question";
            Map<String, Object> problem = new LinkedHashMap<>(Map.of("code", "invalid_request", "field", "uri",
                    "detail", detail));
            if (MDC.get(RequestIds.MDC_KEY) != null) {
                problem.put("requestId", MDC.get(RequestIds.MDC_KEY));
            }
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(detail).data(problem).build();
        }
    }

    private static String text(ObjectMapper json, Map<String, Object> answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer is not serializable", e);
        }
    }
}

package io.switchboard.mcp;

import io.switchboard.errors.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tools?format=openai|anthropic} (any valid bearer token): the MCP server's tools as
 * function-calling schemas, for a chat backend that calls a model's API itself and then the REST endpoint the tool
 * stands for. Made from the same {@link ChatTools} as the MCP tool list.
 */
@RestController
public class ToolSchemasController {

    private final ChatTools tools;

    public ToolSchemasController(ChatTools tools) {
        this.tools = tools;
    }

    @GetMapping(path = "/api/v1/tools", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> tools(@RequestParam(name = "format", defaultValue = "openai") String format) {
        ToolSchemas schemas = switch (format.toLowerCase(Locale.ROOT)) {
            case "openai" -> ToolSchemas.OPENAI;
            case "anthropic" -> ToolSchemas.ANTHROPIC;
            default -> throw new InvalidRequest("format", "openai or anthropic");
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("format", schemas.name().toLowerCase(Locale.ROOT));
        answer.put("tools", schemas.of(tools.all()));
        return answer;
    }
}

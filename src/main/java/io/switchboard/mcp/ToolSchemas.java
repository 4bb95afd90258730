package io.switchboard.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of {@link ChatTools} in the function-calling formats of the model vendors' APIs: OpenAI's
 * ({@code {"type":"function","function":{name, description, parameters}}}, as its Chat Completions API takes them)
 * and Anthropic's ({@code {name, description, input_schema}}, as its Messages API takes them). The JSON schema is
 * the MCP tool's input schema, the same object.
 */
public enum ToolSchemas {
    OPENAI {
        @Override
        Map<String, Object> format(ChatTool tool) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", tool.name());
            function.put("description", tool.description());
            function.put("parameters", tool.inputSchema());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", "function");
            entry.put("function", function);
            return entry;
        }
    },
    ANTHROPIC {
        @Override
        Map<String, Object> format(ChatTool tool) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", tool.name());
            entry.put("description", tool.description());
            entry.put("input_schema", tool.inputSchema());
            return entry;
        }
    };

    abstract Map<String, Object> format(ChatTool tool);

    public List<Map<String, Object>> of(List<ChatTool> tools) {
        return tools.stream().map(this::format).toList();
    }
}

package io.switchboard.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.security.BearerAuthFilter;
import io.switchboard.security.Caller;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The MCP server at {@code /mcp}: the official Java SDK's stateless streamable HTTP transport as a servlet (each
 * POST one JSON-RPC request, answered as JSON; no session to keep, so any instance answers any call), with one tool
 * per {@link ChatTools} entry and help articles as resources ({@link KbResources}). {@link BearerAuthFilter} has
 * authenticated the caller and {@link McpMessageFilter} checked the message before the servlet runs; the transport
 * hands the caller to the tool through the transport context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
public class McpServerConfiguration {

    public static final String PATH = BearerAuthFilter.MCP_PATH;
    private static final String CALLER = "caller";

    @Bean
    HttpServletStatelessServerTransport mcpTransport(McpProperties properties,
                                                     @Value("${switchboard.api.max-body-size:64KB}") DataSize limit) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(new JsonRpcErrorMapper(McpJsonDefaults.getMapper()))
                .messageEndpoint(PATH)
                .maxRequestSize((int) limit.toBytes())
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedOrigins(properties.allowedOrigins()).build())
                .contextExtractor(request -> {
                    Map<String, Object> context = new HashMap<>();
                    if (request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller) {
                        context.put(CALLER, caller);
                    }
                    return McpTransportContext.create(context);
                })
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, PATH);
        registration.setName("mcp");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean(destroyMethod = "close")
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, ChatTools tools, ToolCalls calls,
                                     ObjectMapper json) {
        return McpServer.sync(transport)
                .serverInfo("switchboard", version())
                .instructions("Switchboard answers about one customer: the one the bearer token was issued for."
                        + " Errors come as tool results with a code: upstream_unavailable, upstream_timeout and"
                        + " upstream_rate_limited mean a business system is down for a while (say so, do not"
                        + " claim the thing does not exist); not_found means it does not exist for this customer;"
                        + " step_up_required means the customer must verify who they are first.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                // the routes check the arguments and name the field in the contract's invalid_request
                .validateToolInputs(false)
                // the servlet thread runs the tool: the request id stays in the MDC, as on the REST API
                .immediateExecution(true)
                .tools(tools.all().stream().map(tool -> specification(tool, calls, json)).toList())
                .resourceTemplates(KbResources.specification(tools, calls, json, CALLER))
                .build();
    }

    /** The MCP tool as listed by {@code tools/list}: name, title, description, input schema and hints. */
    public static McpSchema.Tool mcpTool(ChatTool tool) {
        return McpSchema.Tool.builder(tool.name(), tool.inputSchema())
                .title(tool.title())
                .description(tool.description())
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title(tool.title())
                        .readOnlyHint(tool.hints().readOnly())
                        .destructiveHint(tool.hints().destructive())
                        .idempotentHint(tool.hints().idempotent())
                        .openWorldHint(false)
                        .build())
                .build();
    }

    private static SyncToolSpecification specification(ChatTool tool, ToolCalls calls, ObjectMapper json) {
        return SyncToolSpecification.builder()
                .tool(mcpTool(tool))
                .callHandler((context, request) -> {
                    Caller caller = (Caller) context.get(CALLER);
                    ToolCalls.Outcome outcome = calls.call(tool, request.arguments(), caller);
                    return McpSchema.CallToolResult.builder()
                            .addTextContent(text(json, outcome.answer()))
                            .structuredContent(outcome.answer())
                            .isError(outcome.error())
                            .build();
                })
                .build();
    }

    private static String text(ObjectMapper json, Map<String, Object> answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool's answer is not serializable", e);
        }
    }

    private static String version() {
        String version = McpServerConfiguration.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}

package io.switchboard.mcp;

import io.switchboard.security.BearerAuthFilter;
import io.switchboard.security.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for the MCP server, where the MCP specification's HTTP
 * authorization sends clients: the 401 on {@code /mcp} names it in {@code WWW-Authenticate: Bearer
 * resource_metadata="…"}, and clients that get no such header look at the root well-known path. It says that the
 * server takes bearer tokens in the Authorization header, which scopes exist, and (when configured) who issues them.
 */
@RestController
public class ProtectedResourceMetadataController {

    private final McpProperties properties;

    public ProtectedResourceMetadataController(McpProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = {BearerAuthFilter.MCP_RESOURCE_METADATA, "/.well-known/oauth-protected-resource"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> metadata(HttpServletRequest request) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", ServletUriComponentsBuilder.fromContextPath(request)
                .path(BearerAuthFilter.MCP_PATH).toUriString());
        if (!properties.authorizationServers().isEmpty()) {
            metadata.put("authorization_servers", properties.authorizationServers());
        }
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("scopes_supported", Scopes.ALL.stream().filter(scope -> !scope.contains("admin")).sorted().toList());
        metadata.put("resource_name", "Switchboard");
        return metadata;
    }
}

package io.switchboard.mcp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MCP server at {@code /mcp} ({@code switchboard.mcp.*}).
 *
 * @param allowedOrigins       browser origins allowed to call it; a request with any other {@code Origin} is refused
 *                             (403), as the MCP specification asks against DNS rebinding. Requests without an
 *                             {@code Origin} (assistants, servers) are not affected.
 * @param authorizationServers the issuers of the bearer tokens, published in the protected resource metadata
 *                             (RFC 9728) for clients that discover where to log in
 */
@ConfigurationProperties("switchboard.mcp")
public record McpProperties(List<String> allowedOrigins, List<String> authorizationServers) {

    public McpProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        authorizationServers = authorizationServers == null ? List.of() : List.copyOf(authorizationServers);
    }
}

package io.switchboard.security;

import io.switchboard.errors.Problems;
import io.switchboard.errors.Unauthenticated;
import io.switchboard.input.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Authenticates every chat API request ({@code /api/**}, however its path is written, except the public OpenAPI
 * document and the privacy API, which takes API keys: {@link ApiKeyFilter}) and every MCP request ({@code /mcp})
 * before any route sees it, so that a route cannot forget to; a request with an {@code X-Api-Key} is a
 * server-to-server caller's, checked by {@link ApiKeyCallers} instead. The caller is left in a request attribute for
 * {@link Access}. Every attempt is audited, with the token's subject when it is valid, never the token. Failed
 * attempts count against the client address's limit ({@link UnauthenticatedAttempts}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    /** The MCP server's endpoint: its tools run the chat API's routes, for the same callers. */
    public static final String MCP_PATH = "/mcp";
    /** Where an MCP client finds the protected resource metadata (RFC 9728) that a 401 on /mcp points to. */
    public static final String MCP_RESOURCE_METADATA = "/.well-known/oauth-protected-resource/mcp";
    private static final String PREFIX = "Bearer ";

    private final JwtAuthenticator authenticator;
    private final Problems problems;
    private final AuditLog audit;
    private final UnauthenticatedAttempts attempts;
    private final AuthMetrics metrics;
    private final ApiKeyCallers apiKeyCallers;

    public BearerAuthFilter(JwtAuthenticator authenticator, Problems problems, AuditLog audit,
                            UnauthenticatedAttempts attempts, AuthMetrics metrics, ApiKeyCallers apiKeyCallers) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.audit = audit;
        this.attempts = attempts;
        this.metrics = metrics;
        this.apiKeyCallers = apiKeyCallers;
    }

    /**
     * Skipped only when no reading of the path ({@link RequestPaths}: the container's normalized one, and the raw one
     * routes match) is a chat API path: {@code /api/v1/orders/..} is {@code /api/v1} to the container but order
     * {@code ..} to the orders route, and is authenticated.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RequestPaths.views(request).stream().noneMatch(BearerAuthFilter::isGuarded);
    }

    /** The MCP endpoint, and everything under {@code /api} but the public OpenAPI document and the privacy API. */
    static boolean isGuarded(String path) {
        return path.equals(MCP_PATH) || (path.equals("/api") || path.startsWith("/api/")) && !path.equals("/api/v1/openapi.json")
                && !path.startsWith(Scopes.PRIVACY_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ApiKeyCallers.presented(request)) {
            if (apiKeyCallers.admit(request, response)) {
                chain.doFilter(request, response);
            }
            return;
        }
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        Optional<Caller> caller = bearer
                ? authenticator.authenticate(authorization.substring(PREFIX.length()).trim())
                : Optional.empty();
        String action = request.getMethod() + " " + request.getRequestURI();
        if (caller.isEmpty()) {
            audit.record("jwt:unknown", action, "unauthenticated", bearer ? "invalid token" : "no token");
            metrics.jwtRefused(bearer ? authorization.substring(PREFIX.length()).trim() : null);
            if (!attempts.refused(request, response)) {
                reject(request, response, bearer);
            }
            return;
        }
        audit.record("jwt:" + caller.get().subject(), action, "authenticated", null);
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, boolean tokenPresented)
            throws IOException {
        String challenge = tokenPresented
                ? "Bearer realm=\"switchboard\", error=\"invalid_token\"" : "Bearer realm=\"switchboard\"";
        if (MCP_PATH.equals(request.getServletPath())) {
            challenge += ", resource_metadata=\"" + ServletUriComponentsBuilder.fromContextPath(request)
                    .path(MCP_RESOURCE_METADATA).toUriString() + "\"";
        }
        response.setHeader("WWW-Authenticate", challenge);
        problems.write(request, response, new Unauthenticated(
                tokenPresented ? "The bearer token is invalid or expired" : "A bearer token is required"));
    }
}

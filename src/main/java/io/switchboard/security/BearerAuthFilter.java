package io.switchboard.security;

import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import io.switchboard.api.Problems;
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

/**
 * Authenticates every chat API request ({@code /api/**}, however its path is written, except the public OpenAPI
 * document and the privacy API, which takes API keys: {@link ApiKeyFilter}) before any route sees it, so that a route
 * cannot forget to. The caller is left in a request attribute for {@link Access}. Every attempt is audited, with the
 * token's subject when it is valid, never the token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final String PREFIX = "Bearer ";

    private final JwtAuthenticator authenticator;
    private final Problems problems;
    private final AuditLog audit;

    public BearerAuthFilter(JwtAuthenticator authenticator, Problems problems, AuditLog audit) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.audit = audit;
    }

    /**
     * Skipped only when no reading of the path ({@link RequestPaths}: the container's normalized one, and the raw one
     * routes match) is a chat API path: {@code /api/v1/orders/..} is {@code /api/v1} to the container but order
     * {@code ..} to the orders route, and is authenticated.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RequestPaths.views(request).stream().noneMatch(BearerAuthFilter::isChatApi);
    }

    /** Everything under {@code /api} but the public OpenAPI document and the privacy API (API keys). */
    static boolean isChatApi(String path) {
        return (path.equals("/api") || path.startsWith("/api/")) && !path.equals("/api/v1/openapi.json")
                && !path.startsWith(Scopes.PRIVACY_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        Optional<Caller> caller = bearer
                ? authenticator.authenticate(authorization.substring(PREFIX.length()).trim())
                : Optional.empty();
        String action = request.getMethod() + " " + request.getRequestURI();
        if (caller.isEmpty()) {
            audit.record("jwt:unknown", action, "unauthenticated", bearer ? "invalid token" : "no token");
            reject(request, response, bearer);
            return;
        }
        audit.record("jwt:" + caller.get().subject(), action, "authenticated", null);
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, boolean tokenPresented)
            throws IOException {
        response.setHeader("WWW-Authenticate",
                tokenPresented ? "Bearer realm=\"switchboard\", error=\"invalid_token\"" : "Bearer realm=\"switchboard\"");
        problems.write(request, response, new ApiException(ErrorCode.UNAUTHENTICATED,
                tokenPresented ? "The bearer token is invalid or expired" : "A bearer token is required"));
    }
}

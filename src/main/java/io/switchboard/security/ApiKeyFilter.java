package io.switchboard.security;

import io.switchboard.errors.Forbidden;
import io.switchboard.errors.Problems;
import io.switchboard.errors.Unauthenticated;
import io.switchboard.input.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the server-to-server APIs: the admin API ({@code /admin/**}) takes an {@code X-Api-Key} of an active key
 * with scope {@code admin}, the privacy API ({@code /api/v1/privacy/**}) one with scope {@code privacy:admin}. Every
 * attempt is audited with the key's id, never the key. Failed attempts count against the client address's limit
 * ({@link UnauthenticatedAttempts}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link ApiKey}. */
    public static final String KEY_ATTRIBUTE = ApiKey.class.getName();

    private final ApiKeys keys;
    private final Problems problems;
    private final AuditLog audit;
    private final UnauthenticatedAttempts attempts;
    private final AuthMetrics metrics;

    public ApiKeyFilter(ApiKeys keys, Problems problems, AuditLog audit, UnauthenticatedAttempts attempts,
                        AuthMetrics metrics) {
        this.keys = keys;
        this.problems = problems;
        this.audit = audit;
        this.attempts = attempts;
        this.metrics = metrics;
    }

    /**
     * The scope a path's API needs, or null for a path that takes no API key. The path is decoded and without
     * {@code ;parameters} (the raw URI would get {@code /admin;x/api-keys} past a prefix check).
     */
    static String scopeFor(String path) {
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return Scopes.ADMIN;
        }
        return path.startsWith(Scopes.PRIVACY_PATH) ? Scopes.PRIVACY_ADMIN : null;
    }

    /** The scope any reading of the request's path ({@link RequestPaths}) needs, or null when none needs one. */
    static String scopeFor(HttpServletRequest request) {
        return RequestPaths.views(request).stream().map(ApiKeyFilter::scopeFor).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return scopeFor(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String action = request.getMethod() + " " + request.getRequestURI();
        Optional<ApiKey> key = keys.authenticate(request.getHeader("X-Api-Key"), Instant.now());
        if (key.isEmpty()) {
            audit.record("apikey:unknown", action, "unauthenticated", null);
            metrics.apiKeyRefused(request.getServletPath(), request.getHeader("X-Api-Key"));
            if (attempts.refused(request, response)) {
                return;
            }
            response.setHeader("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
            problems.write(request, response, new Unauthenticated("A valid API key is required"));
            return;
        }
        String actor = "apikey:" + key.get().id();
        String scope = scopeFor(request);
        if (!key.get().scopes().contains(scope)) {
            audit.record(actor, action, "forbidden", "missing scope " + scope);
            metrics.apiKeyLacksScope(request.getServletPath());
            problems.write(request, response,
                    new Forbidden("This call needs the scope " + scope));
            return;
        }
        audit.record(actor, action, "allowed", null);
        request.setAttribute(KEY_ATTRIBUTE, key.get());
        chain.doFilter(request, response);
    }
}

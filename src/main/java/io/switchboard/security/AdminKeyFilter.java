package io.switchboard.security;

import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import io.switchboard.api.Problems;
import io.switchboard.api.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**} with the bootstrap admin API key ({@code X-Api-Key}, compared in constant time): the
 * minimal check until hashed, scoped API keys are stored in PostgreSQL. Every attempt is audited, never the key.
 * Without a configured key the admin API is closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AdminKeyFilter extends OncePerRequestFilter {

    private final byte[] adminKey;
    private final Problems problems;
    private final AuditLog audit;

    public AdminKeyFilter(@Value("${switchboard.security.bootstrap-admin-key:}") String adminKey, Problems problems,
                          AuditLog audit) {
        this.adminKey = adminKey.isBlank() ? null : adminKey.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("X-Api-Key");
        boolean valid = adminKey != null && presented != null
                && MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8));
        String action = request.getMethod() + " " + request.getRequestURI();
        if (!valid) {
            audit.record("apikey:" + (presented == null ? "none" : "unknown"), action, "unauthenticated", null);
            ApiException error = new ApiException(ErrorCode.UNAUTHENTICATED, "A valid admin API key is required");
            response.setStatus(error.code().status());
            response.setHeader("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
            response.setContentType(Problems.MEDIA_TYPE);
            response.getOutputStream().write(problems.body(error,
                    (String) request.getAttribute(RequestIdFilter.ATTRIBUTE)));
            return;
        }
        audit.record("apikey:bootstrap", action, "allowed", null);
        chain.doFilter(request, response);
    }
}

package io.switchboard.security;

import io.switchboard.errors.Forbidden;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.Problems;
import io.switchboard.errors.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Server-to-server callers of the chat API: an {@code X-Api-Key} acting for the customer named in
 * {@code X-Customer-Id}, which the key must name too (or hold scope {@code customers:all}). The caller it makes has
 * the key's scopes and that customer as subject, so that the object-level rules are the same as for the customer's
 * own token (another customer's order: 404); it is never {@code acr=verified}: a key cannot prove that the customer
 * verified. Every attempt is audited like a token's, with the key's id, never the key.
 */
@Component
public class ApiKeyCallers {

    public static final String KEY_HEADER = "X-Api-Key";
    public static final String CUSTOMER_HEADER = "X-Customer-Id";
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");

    private final ApiKeys keys;
    private final Problems problems;
    private final AuditLog audit;
    private final UnauthenticatedAttempts attempts;
    private final AuthMetrics metrics;

    public ApiKeyCallers(ApiKeys keys, Problems problems, AuditLog audit, UnauthenticatedAttempts attempts,
                         AuthMetrics metrics) {
        this.keys = keys;
        this.problems = problems;
        this.audit = audit;
        this.attempts = attempts;
        this.metrics = metrics;
    }

    /** What a customer id may look like: the CRM's and shops' ids, nothing that needs escaping. */
    public static boolean isCustomerId(String value) {
        return value != null && CUSTOMER_ID.matcher(value).matches();
    }

    /** Whether the request carries an API key: then it is the key, not a bearer token, that is checked. */
    public static boolean presented(HttpServletRequest request) {
        return request.getHeader(KEY_HEADER) != null;
    }

    /**
     * Leaves the caller (and the key, for the per-key rate limit) in the request's attributes and returns true, or
     * writes the refusal and returns false.
     */
    public boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getMethod() + " " + request.getRequestURI();
        Optional<ApiKey> key = keys.authenticate(request.getHeader(KEY_HEADER), Instant.now());
        if (key.isEmpty()) {
            audit.record("apikey:unknown", action, "unauthenticated", "invalid key");
            metrics.apiKeyRefused(request.getServletPath(), request.getHeader(KEY_HEADER));
            if (attempts.refused(request, response)) {
                return false;
            }
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + KEY_HEADER + "\"");
            problems.write(request, response, new Unauthenticated("A valid API key is required"));
            return false;
        }
        String actor = "apikey:" + key.get().id();
        String customer = request.getHeader(CUSTOMER_HEADER);
        if (!isCustomerId(customer)) {
            audit.record(actor, action, "refused", "no customer named");
            problems.write(request, response, new InvalidRequest(CUSTOMER_HEADER,
                    "the customer this call acts for (1 to 100 letters, digits or ._:@-)"));
            return false;
        }
        if (!key.get().actsFor(customer)) {
            audit.record(actor, action, "forbidden", "not bound to customer " + customer);
            problems.write(request, response, new Forbidden("This API key does not act for this customer"));
            return false;
        }
        audit.record(actor, action, "authenticated", "for customer " + customer);
        request.setAttribute(ApiKeyFilter.KEY_ATTRIBUTE, key.get());
        request.setAttribute(BearerAuthFilter.CALLER_ATTRIBUTE, new Caller(customer, key.get().scopes(), null));
        return true;
    }
}

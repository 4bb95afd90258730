package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.switchboard.errors.ApiException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Turns what went wrong while calling a vendor into the contract's typed errors: breaker open or connection
 * refused is {@code upstream_unavailable}, too slow is {@code upstream_timeout}, a 429 is
 * {@code upstream_rate_limited}. A capability route names its {@link #SOURCE} before it calls the adapter.
 */
@Component
public class UpstreamFailures {

    /** Exchange property naming the capability's source in errors ({@code orders}, {@code crm}, ...). */
    public static final String SOURCE = "switchboardSource";

    private final BreakerProperties breaker;

    public UpstreamFailures(BreakerProperties breaker) {
        this.breaker = breaker;
    }

    /** The typed error for {@code failure}, or empty when it is not an upstream failure (a bug of ours). */
    public Optional<ApiException> classify(Throwable failure, String source) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            if (source == null) {
                continue;
            }
            if (t instanceof CallNotPermittedException) {
                return Optional.of(ApiException.unavailable(source, breaker.openFor()));
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof QueryTimeoutException
                    || (t instanceof SQLException sql && "57014".equals(sql.getSQLState()))) {
                return Optional.of(ApiException.timeout(source));
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException) {
                return Optional.of(ApiException.unavailable(source, breaker.retryAfter()));
            }
            if (t instanceof HttpOperationFailedException http) {
                return Optional.of(rateLimited(http)
                        ? ApiException.rateLimited(source, retryAfter(http.getResponseHeaders()))
                        : ApiException.unavailable(source, breaker.retryAfter()));
            }
            // camel-salesforce's own client: an answer has a status; without one, the cause says what happened
            if (t instanceof SalesforceException salesforce && salesforce.getStatusCode() > 0) {
                return Optional.of(rateLimited(salesforce)
                        ? ApiException.rateLimited(source, breaker.retryAfter())
                        : ApiException.unavailable(source, breaker.retryAfter()));
            }
            if (t instanceof IOException || t instanceof UnreadableUpstreamResponse) {
                return Optional.of(ApiException.unavailable(source, breaker.retryAfter()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a vendor's answer says "too many requests", in its own words: a 429 (Zendesk, HubSpot, Shopify), or
     * Salesforce's 403 with {@code REQUEST_LIMIT_EXCEEDED}.
     */
    public static boolean rateLimited(HttpOperationFailedException http) {
        return http.getStatusCode() == 429
                || (http.getStatusCode() == 403 && http.getResponseBody() != null
                    && http.getResponseBody().contains("REQUEST_LIMIT_EXCEEDED"));
    }

    /**
     * A 429, or Salesforce's 403 {@code REQUEST_LIMIT_EXCEEDED}, as camel-salesforce reports them (its errors, read
     * from the body).
     */
    public static boolean rateLimited(SalesforceException salesforce) {
        return salesforce.getStatusCode() == 429 || salesforce.getStatusCode() == 403 && salesforce.getErrors().stream()
                .map(RestError::getErrorCode).anyMatch("REQUEST_LIMIT_EXCEEDED"::equals);
    }

    /**
     * When to come back: the vendor's Retry-After (seconds or an HTTP date); else HubSpot's rate-limit window when
     * its remaining count is 0; else our default.
     */
    public Duration retryAfter(Map<String, String> headers) {
        String value = header(headers, "Retry-After");
        if ((value == null || value.isBlank()) && "0".equals(header(headers, "X-HubSpot-RateLimit-Remaining"))) {
            String window = header(headers, "X-HubSpot-RateLimit-Interval-Milliseconds");
            try {
                return Duration.ofMillis(Math.max(1_000, Long.parseLong(window.trim())));
            } catch (NumberFormatException | NullPointerException unreadable) {
                return breaker.retryAfter();
            }
        }
        if (value == null || value.isBlank()) {
            return breaker.retryAfter();
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.ofSeconds(Math.max(1, Duration.between(Instant.now(), at).toSeconds()));
            } catch (DateTimeParseException notADate) {
                return breaker.retryAfter();
            }
        }
    }

    /** The class of what went wrong at the bottom of {@code failure}, for logs: never a vendor's message or URL. */
    public static String rootCauseName(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.getClass().getSimpleName();
    }

    private static String header(Map<String, String> headers, String name) {
        return headers == null ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}

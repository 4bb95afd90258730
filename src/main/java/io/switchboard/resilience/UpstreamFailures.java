package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.UpstreamRateLimited;
import io.switchboard.errors.UpstreamTimeout;
import io.switchboard.errors.UpstreamUnavailable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns what went wrong while calling a vendor into the contract's typed errors: breaker open or connection
 * refused is {@code upstream_unavailable}, too slow is {@code upstream_timeout}, a 429 is
 * {@code upstream_rate_limited}. A capability route names its {@link #SOURCE} before it calls the adapter. The hub's
 * own database out of connections (its pool exhausted) is {@code upstream_unavailable} too, for any route.
 */
@Component
public class UpstreamFailures {

    /** Exchange property naming the capability's source in errors ({@code orders}, {@code crm}, ...). */
    public static final String SOURCE = "switchboardSource";
    /** The source named when the hub's own database cannot serve a request that names no other. */
    public static final String DATABASE = "database";

    private final BreakerProperties breaker;
    private final List<VendorErrors> readers;

    /** {@code readers}: how each client in use reports a vendor's answer ({@link HttpErrors}, a vendor's own). */
    public UpstreamFailures(BreakerProperties breaker, List<VendorErrors> readers) {
        this.breaker = breaker;
        this.readers = List.copyOf(readers);
    }

    /** The typed error for {@code failure}, or empty when it is not an upstream failure (a bug of ours). */
    public Optional<ApiException> classify(Throwable failure, String source) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            // the hub's own database had no connection free in time (the pool exhausted) or could not be reached:
            // the caller may come back, whichever route was asking
            if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException) {
                return Optional.of(new UpstreamUnavailable(source == null ? DATABASE : source, breaker.retryAfter()));
            }
            if (source == null) {
                continue;
            }
            if (t instanceof CallNotPermittedException) {
                return Optional.of(new UpstreamUnavailable(source, breaker.openFor()));
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof QueryTimeoutException
                    || (t instanceof SQLException sql && "57014".equals(sql.getSQLState()))) {
                return Optional.of(new UpstreamTimeout(source));
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException) {
                return Optional.of(new UpstreamUnavailable(source, breaker.retryAfter()));
            }
            if (answered(t) > 0) {
                return Optional.of(rateLimitedAnswer(t)
                        ? new UpstreamRateLimited(source, retryAfter(answerHeaders(t)))
                        : new UpstreamUnavailable(source, breaker.retryAfter()));
            }
            if (t instanceof IOException || t instanceof UnreadableUpstreamResponse) {
                return Optional.of(new UpstreamUnavailable(source, breaker.retryAfter()));
            }
        }
        return Optional.empty();
    }

    /** The status of the vendor's answer in {@code failure} or its causes, or -1 when the vendor never answered. */
    public int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            int status = answered(t);
            if (status > 0) {
                return status;
            }
        }
        return -1;
    }

    /** Whether the vendor's answer in {@code failure} says "too many requests", in its own words. */
    public boolean rateLimited(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (answered(t) > 0) {
                return rateLimitedAnswer(t);
            }
        }
        return false;
    }

    /** The headers of the vendor's answer in {@code failure}, where its client kept them. */
    public Map<String, String> headers(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (answered(t) > 0) {
                return answerHeaders(t);
            }
        }
        return Map.of();
    }

    private int answered(Throwable t) {
        for (VendorErrors reader : readers) {
            int status = reader.status(t);
            if (status > 0) {
                return status;
            }
        }
        return -1;
    }

    private boolean rateLimitedAnswer(Throwable t) {
        return readers.stream().anyMatch(reader -> reader.rateLimited(t));
    }

    private Map<String, String> answerHeaders(Throwable t) {
        return readers.stream().map(reader -> reader.headers(t)).filter(h -> !h.isEmpty()).findFirst().orElse(Map.of());
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

package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.switchboard.api.ApiException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.camel.http.base.HttpOperationFailedException;
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
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return Optional.of(ApiException.timeout(source));
            }
            if (t instanceof HttpOperationFailedException http) {
                return Optional.of(http.getStatusCode() == 429
                        ? ApiException.rateLimited(source, retryAfter(http.getResponseHeaders()))
                        : ApiException.unavailable(source, breaker.retryAfter()));
            }
            if (t instanceof IOException || t instanceof UnreadableUpstreamResponse) {
                return Optional.of(ApiException.unavailable(source, breaker.retryAfter()));
            }
        }
        return Optional.empty();
    }

    /** A vendor's Retry-After, in seconds or as an HTTP date; our default when absent or unreadable. */
    public Duration retryAfter(Map<String, String> headers) {
        String value = headers == null ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
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
}

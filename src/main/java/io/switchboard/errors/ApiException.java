package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An error the API answers with: one {@link ErrorCode}, a client-safe detail and optional extension members
 * (such as {@code source} or {@code field}). Nothing from a vendor body, SQL or a secret ever goes in here.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> extensions;
    private final Duration retryAfter;

    public ApiException(ErrorCode code, String detail, Map<String, Object> extensions, Duration retryAfter) {
        super(detail, null, false, false); // expected outcomes: no stack trace to fill or log
        this.code = Objects.requireNonNull(code);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.retryAfter = retryAfter;
    }

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of(), null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException invalidField(String field, String problem) {
        return new ApiException(ErrorCode.INVALID_REQUEST, field + ": " + problem, Map.of("field", field), null);
    }

    public static ApiException unavailable(String source, Duration retryAfter) {
        return new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE, source + " is temporarily unavailable",
                Map.of("source", source), retryAfter);
    }

    public static ApiException timeout(String source) {
        return new ApiException(ErrorCode.UPSTREAM_TIMEOUT, source + " did not answer in time",
                Map.of("source", source), null);
    }

    public static ApiException rateLimited(String source, Duration retryAfter) {
        return new ApiException(ErrorCode.UPSTREAM_RATE_LIMITED, source + " is rate limiting us",
                Map.of("source", source), retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** How long the client should wait before retrying, or null when the contract sets no Retry-After. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

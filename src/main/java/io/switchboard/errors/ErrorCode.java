package io.switchboard.errors;

import java.util.Locale;

/**
 * The contract's stable error codes (docs/api.md, "Error codes"), each with its HTTP status and title. Each code has
 * exactly one {@link ApiException} type, named after it ({@link NotFound} answers {@code NOT_FOUND}), except where the
 * plain name is taken or vague: {@link InvalidWebhookSignature}, {@link UnknownWebhookSource},
 * {@link InternalServerError}.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    FORBIDDEN(403, "Forbidden"),
    STEP_UP_REQUIRED(403, "Step-up authentication required"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    RATE_LIMITED(429, "Too many requests"),
    INVALID_SIGNATURE(401, "Invalid signature"),
    UNKNOWN_SOURCE(404, "Unknown webhook source"),
    UPSTREAM_UNAVAILABLE(503, "Upstream temporarily unavailable"),
    UPSTREAM_TIMEOUT(504, "Upstream timed out"),
    UPSTREAM_RATE_LIMITED(503, "Upstream rate limit reached"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;
    private final String code;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The snake_case code clients match on. */
    public String code() {
        return code;
    }

    /** The RFC 9457 problem type URI. */
    public String type() {
        return "urn:switchboard:problem:" + code;
    }
}

package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;

/**
 * An error the API answers with: one type per contract code (see {@link ErrorCode}), each fixing its code, so that
 * the code can never disagree with the type; a client-safe detail; optional extension members (such as
 * {@code source} or {@code field}) and Retry-After. Nothing from a vendor body, SQL or a secret ever goes in here.
 * They are expected outcomes, built cheaply: no stack trace is filled or logged.
 */
public abstract sealed class ApiException extends RuntimeException
        permits InvalidRequest, Unauthenticated, Forbidden, StepUpRequired, NotFound, Conflict, PayloadTooLarge,
        RateLimited, InvalidWebhookSignature, UnknownWebhookSource, UpstreamUnavailable, UpstreamTimeout,
        UpstreamRateLimited, InternalServerError {

    private final ErrorCode code;
    private final transient Map<String, Object> extensions;
    private final Duration retryAfter;

    ApiException(ErrorCode code, String detail, Map<String, Object> extensions, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
        this.retryAfter = retryAfter;
    }

    ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of(), null);
    }

    public final ErrorCode code() {
        return code;
    }

    public final String detail() {
        return getMessage();
    }

    public final Map<String, Object> extensions() {
        return extensions;
    }

    /** How long the client should wait before retrying, or null when the contract sets no Retry-After. */
    public final Duration retryAfter() {
        return retryAfter;
    }
}

package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;

/** 429 {@code rate_limited}: the caller is over its request budget; Retry-After says when it refills. */
public final class RateLimited extends ApiException {

    public RateLimited(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "Too many requests", Map.of(), retryAfter);
    }
}

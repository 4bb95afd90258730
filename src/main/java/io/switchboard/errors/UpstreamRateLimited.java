package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;

/** 503 {@code upstream_rate_limited}: the vendor named by {@code source} is rate limiting the hub. */
public final class UpstreamRateLimited extends ApiException {

    public UpstreamRateLimited(String source, Duration retryAfter) {
        super(ErrorCode.UPSTREAM_RATE_LIMITED, source + " is rate limiting us", Map.of("source", source), retryAfter);
    }
}

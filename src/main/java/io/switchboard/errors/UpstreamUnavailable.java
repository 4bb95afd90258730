package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;

/**
 * 503 {@code upstream_unavailable}: a system behind the hub (a vendor, the broker, the database, or the hub itself
 * while it starts) cannot serve now; {@code source} names it, Retry-After says when to try again.
 */
public final class UpstreamUnavailable extends ApiException {

    public UpstreamUnavailable(String source, Duration retryAfter) {
        this(source, source + " is temporarily unavailable", retryAfter);
    }

    public UpstreamUnavailable(String source, String detail, Duration retryAfter) {
        super(ErrorCode.UPSTREAM_UNAVAILABLE, detail, Map.of("source", source), retryAfter);
    }
}

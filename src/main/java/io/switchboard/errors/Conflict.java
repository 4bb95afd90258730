package io.switchboard.errors;

import java.time.Duration;
import java.util.Map;

/** 409 {@code conflict}: the resource's state does not allow the action (now, or ever). */
public final class Conflict extends ApiException {

    public Conflict(String detail) {
        super(ErrorCode.CONFLICT, detail);
    }

    /** A state that passes: the client may try again after {@code retryAfter}. */
    public Conflict(String detail, Duration retryAfter) {
        super(ErrorCode.CONFLICT, detail, Map.of(), retryAfter);
    }
}

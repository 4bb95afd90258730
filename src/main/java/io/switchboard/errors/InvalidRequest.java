package io.switchboard.errors;

import java.util.Map;

/** 400 {@code invalid_request}: the request is malformed, or one of its fields is. */
public final class InvalidRequest extends ApiException {

    public InvalidRequest(String detail) {
        super(ErrorCode.INVALID_REQUEST, detail);
    }

    /** A field the client can fix: named in the detail and in the {@code field} member. */
    public InvalidRequest(String field, String problem) {
        super(ErrorCode.INVALID_REQUEST, field + ": " + problem, Map.of("field", field), null);
    }
}

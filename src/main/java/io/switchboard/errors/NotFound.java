package io.switchboard.errors;

/** 404 {@code not_found}: no such thing, or none the caller may see. */
public final class NotFound extends ApiException {

    /** No resource at the path asked for. */
    public NotFound() {
        super(ErrorCode.NOT_FOUND, "No such resource");
    }

    /** @param what the thing asked for, as the client named it ("Order 1001") */
    public NotFound(String what) {
        super(ErrorCode.NOT_FOUND, what + " not found");
    }
}

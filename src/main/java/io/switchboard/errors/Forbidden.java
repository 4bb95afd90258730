package io.switchboard.errors;

/** 403 {@code forbidden}: a known caller without the right to this call. */
public final class Forbidden extends ApiException {

    public Forbidden(String detail) {
        super(ErrorCode.FORBIDDEN, detail);
    }
}

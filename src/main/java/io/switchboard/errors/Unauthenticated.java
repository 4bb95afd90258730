package io.switchboard.errors;

/** 401 {@code unauthenticated}: no credential, or one that is invalid or expired. */
public final class Unauthenticated extends ApiException {

    public Unauthenticated(String detail) {
        super(ErrorCode.UNAUTHENTICATED, detail);
    }
}

package io.switchboard.errors;

/** 413 {@code payload_too_large}: the body is over its limit. */
public final class PayloadTooLarge extends ApiException {

    public PayloadTooLarge(String detail) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, detail);
    }
}

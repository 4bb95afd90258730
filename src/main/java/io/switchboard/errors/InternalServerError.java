package io.switchboard.errors;

/**
 * 500 {@code internal_error}: anything unexpected. The answer holds the request id and nothing else about what went
 * wrong; the stack trace goes to the log. (Not named after its code: {@code java.lang.InternalError} is taken.)
 */
public final class InternalServerError extends ApiException {

    public InternalServerError(String requestId) {
        super(ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; quote request id " + requestId + " when reporting it");
    }
}

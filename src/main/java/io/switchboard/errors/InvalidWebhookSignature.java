package io.switchboard.errors;

/**
 * 401 {@code invalid_signature}: a webhook delivery whose signature is missing, wrong or stale. Why it failed goes
 * to metrics and the audit log only, never to the sender.
 */
public final class InvalidWebhookSignature extends ApiException {

    public InvalidWebhookSignature() {
        super(ErrorCode.INVALID_SIGNATURE, "The delivery's signature could not be verified");
    }
}

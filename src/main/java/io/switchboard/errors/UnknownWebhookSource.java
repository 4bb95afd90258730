package io.switchboard.errors;

/** 404 {@code unknown_source}: a webhook for a source the hub is not configured to receive. */
public final class UnknownWebhookSource extends ApiException {

    public UnknownWebhookSource(String source) {
        super(ErrorCode.UNKNOWN_SOURCE, "No webhook source named " + source);
    }
}

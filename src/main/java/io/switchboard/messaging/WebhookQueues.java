package io.switchboard.messaging;

/** Names of the broker queues per source. */
public final class WebhookQueues {

    /** Message properties a queued delivery carries beside its raw body. */
    public static final String SOURCE = "webhookSource";
    public static final String EVENT_ID = "webhookEventId";
    public static final String EVENT_TYPE = "webhookEventType";
    public static final String RECEIVED_AT = "webhookReceivedAt";
    /** The delivery's request headers as a JSON object (names in lower case). */
    public static final String HEADERS = "webhookHeaders";
    /** The id of the request that delivered it, so that the worker's log lines carry it too. */
    public static final String REQUEST_ID = "webhookRequestId";
    /** Processing attempts so far (absent on the first). */
    public static final String ATTEMPT = "webhookAttempt";
    /** Why the last attempt failed (on retried and dead-lettered messages). */
    public static final String FAILURE = "webhookFailure";

    private WebhookQueues() {
    }

    public static String queue(String source) {
        return "webhooks." + source;
    }

    public static String deadLetters(String source) {
        return "webhooks." + source + ".dlq";
    }
}

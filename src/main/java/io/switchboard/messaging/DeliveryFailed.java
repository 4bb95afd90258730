package io.switchboard.messaging;

/** A delivery's processing failed; its cause is the reason recorded with a retry or dead letter. */
public final class DeliveryFailed extends RuntimeException {

    public DeliveryFailed(Exception cause) {
        super(cause.getMessage(), cause, false, false);
    }
}

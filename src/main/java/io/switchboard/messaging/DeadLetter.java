package io.switchboard.messaging;

import java.time.Instant;

/**
 * A dead-lettered webhook event as operators see it: no body, no vendor headers.
 *
 * @param id       the broker message id, the handle for replay
 * @param attempts processing attempts made before it was given up
 * @param reason   why the last attempt failed
 */
public record DeadLetter(String id, String source, String eventId, String eventType, Instant receivedAt,
                         int attempts, String reason) {
}

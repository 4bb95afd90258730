package io.switchboard.ingress.verification;

import io.switchboard.input.Inputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One vendor's webhook signature scheme, exactly as the vendor documents it. Verification is over the raw body
 * bytes; any of the source's active secrets may verify (rotation).
 */
public interface SignatureScheme {

    /** The name sources use in {@code switchboard.webhooks.sources.<name>.scheme}. */
    String name();

    /** Returns normally when one of the secrets signed this delivery within the tolerance; throws otherwise. */
    void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now);

    /** The vendor's id of the event (header or body), or null when it sends none. Called after verification. */
    String eventId(WebhookDelivery delivery);

    /** The vendor's event type or topic, or null. Called after verification. */
    String eventType(WebhookDelivery delivery);

    /**
     * Whether this is the vendor's unsigned "is this URL alive?" call (WooCommerce's ping on creating a webhook),
     * answered 200 and neither verified nor kept.
     */
    default boolean isPing(WebhookDelivery delivery) {
        return false;
    }

    static String required(WebhookDelivery delivery, String header) {
        String value = delivery.header(header);
        if (value == null || value.isBlank()) {
            throw new InvalidSignature(InvalidSignature.Reason.MISSING_HEADER, "missing " + header);
        }
        return value.trim();
    }

    /** Refuses a signing time further than the tolerance from now, in either direction (replays, bad clocks). */
    static void withinTolerance(Instant signedAt, Instant now, Duration tolerance) {
        if (signedAt.isBefore(now.minus(tolerance))) {
            throw new InvalidSignature(InvalidSignature.Reason.STALE_TIMESTAMP, "signed too long ago");
        }
        if (signedAt.isAfter(now.plus(tolerance))) {
            throw new InvalidSignature(InvalidSignature.Reason.FUTURE_TIMESTAMP, "signed in the future");
        }
    }

    /**
     * A signing time in Unix seconds, read through {@link Inputs}: digits within the years 0001 to 9999, so that no
     * value (a year beyond what an instant holds, the ends of a 64-bit integer) fails the reading itself.
     */
    static Instant epochSeconds(String value, String header) {
        return Inputs.epochSeconds(value.trim()).orElseThrow(() -> malformedTime(header));
    }

    /** As {@link #epochSeconds}, in milliseconds (HubSpot). */
    static Instant epochMillis(String value, String header) {
        return Inputs.epochMillis(value.trim()).orElseThrow(() -> malformedTime(header));
    }

    private static InvalidSignature malformedTime(String header) {
        return new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, header + " is not a time we can sign at");
    }

    /** A presented signature as a list, empty when it did not decode (and so cannot match). */
    static List<byte[]> listOf(byte[] presented) {
        return presented == null ? List.of() : List.of(presented);
    }

    static InvalidSignature badSignature() {
        return new InvalidSignature(InvalidSignature.Reason.BAD_SIGNATURE, "signature does not match");
    }
}

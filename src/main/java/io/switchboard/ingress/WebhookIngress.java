package io.switchboard.ingress;

import io.switchboard.errors.InvalidWebhookSignature;
import io.switchboard.ingress.verification.InvalidSignature;
import io.switchboard.ingress.verification.SignatureScheme;
import io.switchboard.ingress.verification.WebhookDelivery;
import io.switchboard.input.Inputs;
import io.switchboard.messaging.WebhookMetrics;
import io.switchboard.security.AuditLog;
import io.switchboard.security.AuthMetrics;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Takes in one delivery: verify its signature, name its event, and put it durably on the broker (unless
 * it is a repeat) before the vendor hears 200.
 */
@Component
public class WebhookIngress {

    /** The answer to the vendor. */
    public record Receipt(String id, boolean duplicate) {
    }

    private static final int MAX_VENDOR_ID_LENGTH = 200;
    /** The receipt's id for a vendor's ping, which is not an event. */
    static final String PING = "ping";

    private final DurableQueue queue;
    private final WebhookMetrics metrics;
    private final AuditLog audit;
    private final AuthMetrics authMetrics;
    private final Clock clock;

    public WebhookIngress(DurableQueue queue, WebhookMetrics metrics, AuditLog audit, AuthMetrics authMetrics) {
        this.queue = queue;
        this.metrics = metrics;
        this.audit = audit;
        this.authMetrics = authMetrics;
        this.clock = Clock.systemUTC();
    }

    public Receipt accept(WebhookSources.Bound source, WebhookDelivery delivery) {
        Instant now = clock.instant();
        if (source.scheme().isPing(delivery)) {
            return new Receipt(PING, false);
        }
        try {
            source.scheme().verify(delivery, source.settings().secrets(), source.settings().tolerance(), now);
        } catch (InvalidSignature refused) {
            reject(source.name(), refused.reason().tag());
            authMetrics.webhookSignatureRefused(source.name(), refused.reason() == InvalidSignature.Reason.STALE_TIMESTAMP
                    || refused.reason() == InvalidSignature.Reason.FUTURE_TIMESTAMP);
            throw new InvalidWebhookSignature();
        }
        String eventId = eventId(source.scheme(), delivery);
        if (queue.enqueue(delivery, eventId, source.scheme().eventType(delivery), now)) {
            metrics.duplicate(source.name());
            return new Receipt(eventId, true);
        }
        metrics.accepted(source.name());
        return new Receipt(eventId, false);
    }

    /** Counts and audits a refusal that happens before verification (such as an oversized body). */
    public void reject(String source, String reason) {
        metrics.rejected(source, reason);
        audit.record("webhook:" + source, "webhook.receive", "rejected", reason);
    }

    /**
     * The vendor's id, or a digest of the body when the vendor sends none, or one that is no {@link Inputs}
     * identifier (too long, or a NUL or line break in a signed body's id, which no column or log line should hold).
     */
    static String eventId(SignatureScheme scheme, WebhookDelivery delivery) {
        String vendorId = scheme.eventId(delivery);
        if (vendorId != null && !vendorId.isBlank() && vendorId.length() <= MAX_VENDOR_ID_LENGTH
                && Inputs.isIdentifier(vendorId)) {
            return vendorId;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(delivery.body()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

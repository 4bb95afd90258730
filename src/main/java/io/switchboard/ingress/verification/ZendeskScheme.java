package io.switchboard.ingress.verification;

import io.switchboard.input.Inputs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Zendesk: {@code X-Zendesk-Webhook-Signature} = base64 HMAC-SHA256 of the
 * {@code X-Zendesk-Webhook-Signature-Timestamp} value followed by the raw body. The id is the invocation id
 * Zendesk keeps across its retries of one delivery.
 */
@Component
public class ZendeskScheme implements SignatureScheme {

    private final JsonFields json;

    public ZendeskScheme(JsonFields json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "zendesk";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        byte[] presented = Hmac.fromBase64(SignatureScheme.required(delivery, "X-Zendesk-Webhook-Signature"));
        String timestamp = SignatureScheme.required(delivery, "X-Zendesk-Webhook-Signature-Timestamp");
        byte[] signedPrefix = timestamp.getBytes(StandardCharsets.UTF_8);
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), signedPrefix, delivery.body())) {
            throw SignatureScheme.badSignature();
        }
        SignatureScheme.withinTolerance(signedAt(timestamp), now, tolerance);
    }

    /** Zendesk sends an ISO 8601 instant ({@code 2024-03-04T17:50:46Z}); plain epoch seconds are accepted too. */
    private static Instant signedAt(String timestamp) {
        return Inputs.instant(timestamp).orElseGet(() ->
                SignatureScheme.epochSeconds(timestamp, "X-Zendesk-Webhook-Signature-Timestamp"));
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        String invocation = delivery.header("X-Zendesk-Webhook-Invocation-Id");
        return invocation != null ? invocation : json.topLevel(delivery.body(), "id");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "type");
    }
}

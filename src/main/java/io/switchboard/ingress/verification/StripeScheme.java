package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, each {@code v1} a hex HMAC-SHA256 of
 * {@code t + "." + body}; any one matching any secret verifies. The event id is the body's {@code id}.
 */
@Component
public class StripeScheme implements SignatureScheme {

    private final JsonFields json;

    public StripeScheme(JsonFields json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : SignatureScheme.required(delivery, "Stripe-Signature").split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(Hmac.fromHex(value));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, "expected t=...,v1=...");
        }
        Instant signedAt = SignatureScheme.epochSeconds(timestamp, "Stripe-Signature t");
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        if (!Hmac.signedByAny(secrets, signatures, prefix, delivery.body())) {
            throw SignatureScheme.badSignature();
        }
        SignatureScheme.withinTolerance(signedAt, now, tolerance);
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "id");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "type");
    }
}

package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Standard Webhooks (standardwebhooks.com): {@code webhook-signature} holds space-separated {@code v1,<base64>}
 * entries, each an HMAC-SHA256 of {@code webhook-id + "." + webhook-timestamp + "." + body} keyed with the
 * base64-decoded secret ({@code whsec_<base64>}).
 */
@Component
public class StandardWebhooksScheme implements SignatureScheme {

    private static final String SECRET_PREFIX = "whsec_";

    private final JsonFields json;

    public StandardWebhooksScheme(JsonFields json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "standard";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String id = SignatureScheme.required(delivery, "webhook-id");
        String timestamp = SignatureScheme.required(delivery, "webhook-timestamp");
        String signatures = SignatureScheme.required(delivery, "webhook-signature");
        SignatureScheme.withinTolerance(SignatureScheme.epochSeconds(timestamp, "webhook-timestamp"), now, tolerance);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            byte[] expected = Hmac.sha256(key(secret), prefix, delivery.body());
            for (String entry : signatures.split(" ")) {
                if (entry.startsWith("v1,") && Hmac.equal(expected, Hmac.fromBase64(entry.substring(3)))) {
                    return;
                }
            }
        }
        throw SignatureScheme.badSignature();
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return delivery.header("webhook-id");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "type");
    }
}

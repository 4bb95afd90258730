package io.switchboard.ingress.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Shopify: {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw body; id {@code X-Shopify-Webhook-Id}. */
@Component
public class ShopifyScheme implements SignatureScheme {

    @Override
    public String name() {
        return "shopify";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        byte[] presented = Hmac.fromBase64(SignatureScheme.required(delivery, "X-Shopify-Hmac-Sha256"));
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), delivery.body())) {
            throw SignatureScheme.badSignature();
        }
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return delivery.header("X-Shopify-Webhook-Id");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return delivery.header("X-Shopify-Topic");
    }
}

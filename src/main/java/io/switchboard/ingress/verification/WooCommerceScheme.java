package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * WooCommerce: {@code X-WC-Webhook-Signature} = base64 HMAC-SHA256 of the raw body with the webhook's secret; id
 * {@code X-WC-Webhook-Delivery-ID}, topic {@code X-WC-Webhook-Topic} ({@code order.updated}).
 *
 * <p>When a webhook is created or activated WooCommerce first posts an unsigned ping, the form body
 * {@code webhook_id=<n>} and no signature header, and keeps the webhook only if it gets a 2xx: that exact shape is
 * acknowledged and nothing else about it is trusted or kept.
 */
@Component
public class WooCommerceScheme implements SignatureScheme {

    static final String SIGNATURE = "X-WC-Webhook-Signature";
    private static final Pattern PING = Pattern.compile("webhook_id=[0-9]{1,20}");

    @Override
    public String name() {
        return "woocommerce";
    }

    @Override
    public boolean isPing(WebhookDelivery delivery) {
        return delivery.header(SIGNATURE) == null
                && PING.matcher(new String(delivery.body(), StandardCharsets.US_ASCII)).matches();
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        byte[] presented = Hmac.fromBase64(SignatureScheme.required(delivery, SIGNATURE));
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), delivery.body())) {
            throw SignatureScheme.badSignature();
        }
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return delivery.header("X-WC-Webhook-Delivery-ID");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return delivery.header("X-WC-Webhook-Topic");
    }
}

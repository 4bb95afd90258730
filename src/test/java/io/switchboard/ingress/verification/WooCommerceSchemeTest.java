package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.RFC4231_BASE64;
import static io.switchboard.ingress.verification.Signatures.RFC4231_DATA;
import static io.switchboard.ingress.verification.Signatures.RFC4231_HEX;
import static io.switchboard.ingress.verification.Signatures.RFC4231_KEY;
import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The WooCommerce signature scheme against its vendor's published example, then against tampering. */
class WooCommerceSchemeTest {

    private final WooCommerceScheme scheme = new WooCommerceScheme();

    @Test
    void verifiesTheBase64MacOfTheBody() {
        // WooCommerce signs base64_encode(hash_hmac('sha256', $payload, $secret, true)): RFC 4231's vector
        assertVerifies(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_BASE64), RFC4231_KEY,
                Instant.now());
        // an order body signed by openssl (printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
        assertVerifies(scheme, delivery("{\"id\":1001,\"number\":\"1001\",\"status\":\"completed\"}",
                "X-WC-Webhook-Signature", "WxYFx/DWQWtwIwjLTZgtj5+Q2wIhKKLpiyz2LMksKEg="),
                "sandbox-woocommerce-webhook-secret", Instant.now());
    }

    @Test
    void refusesTamperingAndMissingOrMalformedHeaders() {
        assertRefused(scheme, delivery(RFC4231_DATA + " ", "X-WC-Webhook-Signature", RFC4231_BASE64), RFC4231_KEY,
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_BASE64), "Jeff",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_HEX), RFC4231_KEY,
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", "not base64!"), RFC4231_KEY,
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(RFC4231_DATA), RFC4231_KEY, InvalidSignature.Reason.MISSING_HEADER);
    }

    @Test
    void namesTheEventByItsDeliveryIdAndTopic() {
        WebhookDelivery delivery = delivery("{}", "X-WC-Webhook-Delivery-ID", "8b5a6f0e4c", "X-WC-Webhook-Topic",
                "order.updated");

        assertThat(scheme.eventId(delivery)).isEqualTo("8b5a6f0e4c");
        assertThat(scheme.eventType(delivery)).isEqualTo("order.updated");
    }

    @Test
    void onlyTheUnsignedFormBodyOfItsPingIsAPing() {
        assertThat(scheme.isPing(delivery("webhook_id=15"))).isTrue();
        assertThat(scheme.isPing(delivery("webhook_id=15", "X-WC-Webhook-Signature", RFC4231_BASE64))).isFalse();
        assertThat(scheme.isPing(delivery("webhook_id=15&x=1"))).isFalse();
        assertThat(scheme.isPing(delivery("{\"webhook_id\":15}"))).isFalse();
    }
}

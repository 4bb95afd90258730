package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Shopify signature scheme against its vendor's published example, then against tampering. */
class ShopifySchemeTest {

    private final ShopifyScheme scheme = new ShopifyScheme();

    @Test
    void verifiesTheShopifyApiLibrarysTestVector() {
        // Shopify/shopify-app-js packages/apps/shopify-api/lib/webhooks/__tests__/validate.test.ts
        WebhookDelivery delivery = delivery("{\"foo\": \"bar\"}",
                "X-Shopify-Hmac-Sha256", "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");

        assertVerifies(scheme, delivery, "test_secret_key", Instant.now());
    }

    @Test
    void refusesTamperingAndMissingHeader() {
        String good = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
        assertRefused(scheme, delivery("{\"foo\":\"bar\"}", "X-Shopify-Hmac-Sha256", good), "test_secret_key",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("{\"foo\": \"bar\"}", "X-Shopify-Hmac-Sha256", good), "other_key",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("{\"foo\": \"bar\"}"), "test_secret_key", InvalidSignature.Reason.MISSING_HEADER);
    }
}

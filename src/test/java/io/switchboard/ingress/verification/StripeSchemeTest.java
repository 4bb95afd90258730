package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Stripe signature scheme against its vendor's published example, then against tampering. */
class StripeSchemeTest {

    private final JsonFields json = new JsonFields(new ObjectMapper());

    private final StripeScheme scheme = new StripeScheme(json);
    // stripe/stripe-dotnet src/StripeTests/Resources/event_test_signature.json (with its final newline)
    private static final String BODY = "{\n  \"id\": \"evt_123\",\n  \"object\": \"event\",\n  \"account\": \"acct_123\",\n"
            + "  \"api_version\": \"2017-05-25\",\n  \"created\": 1533204620,\n  \"data\": {\n    \"object\": {\n"
            + "      \"id\": \"cus_123\",\n      \"object\": \"customer\",\n      \"created\": 123456789,\n"
            + "      \"email\": \"test@stripe.com\",\n      \"livemode\": false,\n      \"metadata\": {}\n    }\n  },\n"
            + "  \"livemode\": false,\n  \"pending_webhooks\": 1,\n  \"request\": {\n    \"id\": \"req_123\",\n"
            + "    \"idempotency_key\": \"idempotency-key-123\"\n  },\n  \"type\": \"customer.created\"\n}\n";
    private static final String HEADER = "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,"
            + "v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";

    @Test
    void verifiesStripeDotnetsSignedFixture() {
        // stripe-dotnet EventUtilityTest: now = t + 100 passes
        assertVerifies(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                Instant.ofEpochSecond(1533204620 + 100));
    }

    @Test
    void acceptsAnyMatchingV1AmongSeveral() {
        assertVerifies(scheme, delivery(BODY, "Stripe-Signature", HEADER + ",v1=bad_signature"), "webhook_secret",
                Instant.ofEpochSecond(1533204620));
    }

    @Test
    void refusesOutsideTheToleranceEitherWayAndWithoutTheNewline() {
        assertRefused(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                Instant.ofEpochSecond(1533204620 + 400), InvalidSignature.Reason.STALE_TIMESTAMP);
        assertRefused(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                Instant.ofEpochSecond(1533204620 - 400), InvalidSignature.Reason.FUTURE_TIMESTAMP);
        assertRefused(scheme, delivery(BODY.strip(), "Stripe-Signature", HEADER), "webhook_secret",
                Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(BODY, "Stripe-Signature", "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7"),
                "webhook_secret", Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.MALFORMED_HEADER);
        assertRefused(scheme, delivery(BODY, "Stripe-Signature", "t=abc,v1=00"), "webhook_secret",
                Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.MALFORMED_HEADER);
    }

    @Test
    void namesTheEventByTheIdInItsBody() {
        assertThat(scheme.eventId(delivery(BODY))).isEqualTo("evt_123");
        assertThat(scheme.eventType(delivery(BODY))).isEqualTo("customer.created");
    }
}

package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.FIVE_MINUTES;
import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The StandardWebhooks signature scheme against its vendor's published example, then against tampering. */
class StandardWebhooksSchemeTest {

    private final JsonFields json = new JsonFields(new ObjectMapper());

    private final StandardWebhooksScheme scheme = new StandardWebhooksScheme(json);
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);

    private WebhookDelivery vector(String signatureHeader) {
        // standard-webhooks libraries/javascript/src/webhook.test.ts and libraries/java WebhookTest
        return delivery("{\"test\": 2432232314}", "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330", "webhook-signature", signatureHeader);
    }

    @Test
    void verifiesTheLibrariesTestVector() {
        assertVerifies(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), SECRET, SIGNED_AT);
    }

    @Test
    void findsTheValidSignatureInAListAndSkipsOtherVersions() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= "
                + "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1a,abc";

        assertVerifies(scheme, vector(header), SECRET, SIGNED_AT);
    }

    @Test
    void acceptsTheSecretWithoutItsPrefixAndAnyActiveSecret() {
        assertVerifies(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SIGNED_AT);
        assertThatCode(() -> scheme.verify(vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                List.of("whsec_b2xkIHNlY3JldCByb3RhdGVkIG91dA==", SECRET), FIVE_MINUTES, SIGNED_AT))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesStaleFutureTamperedAndEmptySignatures() {
        String good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertRefused(scheme, vector(good), SECRET, SIGNED_AT.plus(FIVE_MINUTES).plusSeconds(1),
                InvalidSignature.Reason.STALE_TIMESTAMP);
        assertRefused(scheme, vector(good), SECRET, SIGNED_AT.minus(FIVE_MINUTES).minusSeconds(1),
                InvalidSignature.Reason.FUTURE_TIMESTAMP);
        assertRefused(scheme, vector("v1,"), SECRET, SIGNED_AT, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOL"), SECRET, SIGNED_AT,
                InvalidSignature.Reason.BAD_SIGNATURE);
        WebhookDelivery otherBody = delivery("{\"test\": 2432232315}", "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330", "webhook-signature", good);
        assertRefused(scheme, otherBody, SECRET, SIGNED_AT, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("{}", "webhook-id", "x", "webhook-signature", good), SECRET, SIGNED_AT,
                InvalidSignature.Reason.MISSING_HEADER);
    }

    @Test
    void namesTheEventByItsWebhookId() {
        assertThat(scheme.eventId(vector("v1,x"))).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
    }
}

package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** HTTP Basic authentication of webhook calls against RFC 7617's example, then against other credentials. */
class BasicAuthSchemeTest {

    private final BasicAuthScheme scheme = new BasicAuthScheme();

    @Test
    void verifiesRfc7617sExample() {
        // RFC 7617, section 2: user "Aladdin", password "open sesame"
        WebhookDelivery delivery = delivery("{}", "Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");

        assertVerifies(scheme, delivery, "Aladdin:open sesame", Instant.now());
        assertVerifies(scheme, delivery("{}", "Authorization", "basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
                "Aladdin:open sesame", Instant.now());
    }

    @Test
    void refusesOtherCredentialsAndMissingOrMalformedHeaders() {
        String good = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
        assertRefused(scheme, delivery("{}", "Authorization", good), "Aladdin:open sesame!",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("{}", "Authorization", good), "open sesame",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("{}"), "Aladdin:open sesame", InvalidSignature.Reason.MISSING_HEADER);
        assertRefused(scheme, delivery("{}", "Authorization", "Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
                "Aladdin:open sesame", InvalidSignature.Reason.MALFORMED_HEADER);
        assertRefused(scheme, delivery("{}", "Authorization", "Basic not base64!"), "Aladdin:open sesame",
                InvalidSignature.Reason.BAD_SIGNATURE);
    }

    @Test
    void namesNoEventSoDeliveriesAreDedupedByTheirBody() {
        WebhookDelivery delivery = delivery("{\"id\":\"x\",\"type\":\"y\"}", "Authorization", "Basic QQ==");

        assertThat(scheme.eventId(delivery)).isNull();
        assertThat(scheme.eventType(delivery)).isNull();
    }
}

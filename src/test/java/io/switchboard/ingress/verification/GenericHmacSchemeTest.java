package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.RFC4231_BASE64;
import static io.switchboard.ingress.verification.Signatures.RFC4231_DATA;
import static io.switchboard.ingress.verification.Signatures.RFC4231_HEX;
import static io.switchboard.ingress.verification.Signatures.RFC4231_KEY;
import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static io.switchboard.ingress.verification.Signatures.hexHmac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ingress.GenericHmacScheme;
import io.switchboard.ingress.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The GenericHmac signature scheme against its vendor's published example, then against tampering. */
class GenericHmacSchemeTest {

    private static final String SECRET = "sandbox-order-status-secret";
    private static final String BODY = "{\"order_number\":\"1001\",\"status\":\"shipped\"}";
    /** openssl: printf '%s' "1700000000.$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex */
    private static final String TIMESTAMPED_HEX = "ddb4da1bca277c79d7e8a8163509144123ea416b26c541dfef644b23b168a387";

    private GenericHmacScheme scheme(String encoding, String prefix, String timestampHeader) {
        return new GenericHmacScheme(new WebhookProperties.HmacSettings("X-Webhook-Signature", encoding, prefix,
                timestampHeader, "X-Webhook-Id", "X-Webhook-Event"));
    }

    @Test
    void verifiesHexAndBase64WithAndWithoutAPrefix() {
        assertVerifies(scheme("hex", "", null), delivery(RFC4231_DATA, "X-Webhook-Signature", RFC4231_HEX),
                RFC4231_KEY, Instant.now());
        assertVerifies(scheme("hex", "sha256=", null),
                delivery(RFC4231_DATA, "X-Webhook-Signature", "sha256=" + RFC4231_HEX), RFC4231_KEY, Instant.now());
        assertVerifies(scheme("base64", "", null), delivery(RFC4231_DATA, "X-Webhook-Signature", RFC4231_BASE64),
                RFC4231_KEY, Instant.now());
    }

    @Test
    void refusesTamperingOtherSecretsOtherEncodingsAndAMissingPrefix() {
        GenericHmacScheme hex = scheme("hex", "sha256=", null);
        assertRefused(hex, delivery(RFC4231_DATA + "!", "X-Webhook-Signature", "sha256=" + RFC4231_HEX),
                RFC4231_KEY, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(hex, delivery(RFC4231_DATA, "X-Webhook-Signature", "sha256=" + RFC4231_HEX), "Jeff",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(hex, delivery(RFC4231_DATA, "X-Webhook-Signature", "sha256=" + RFC4231_BASE64),
                RFC4231_KEY, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(hex, delivery(RFC4231_DATA, "X-Webhook-Signature", RFC4231_HEX), RFC4231_KEY,
                InvalidSignature.Reason.MALFORMED_HEADER);
        assertRefused(hex, delivery(RFC4231_DATA), RFC4231_KEY, InvalidSignature.Reason.MISSING_HEADER);
    }

    @Test
    void withATimestampHeaderSignsTimestampDotBodyWithinTheTolerance() {
        GenericHmacScheme timed = scheme("hex", "", "X-Webhook-Timestamp");
        Instant signedAt = Instant.ofEpochSecond(1700000000);
        WebhookDelivery delivery = delivery(BODY, "X-Webhook-Signature", TIMESTAMPED_HEX,
                "X-Webhook-Timestamp", "1700000000");

        assertVerifies(timed, delivery, SECRET, signedAt.plusSeconds(299));
        assertRefused(timed, delivery, SECRET, signedAt.plusSeconds(301), InvalidSignature.Reason.STALE_TIMESTAMP);
        assertRefused(timed, delivery, SECRET, signedAt.minusSeconds(301), InvalidSignature.Reason.FUTURE_TIMESTAMP);
        assertRefused(timed, delivery(BODY, "X-Webhook-Signature", TIMESTAMPED_HEX, "X-Webhook-Timestamp",
                "1700000001"), SECRET, signedAt, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(timed, delivery(BODY, "X-Webhook-Signature", TIMESTAMPED_HEX), SECRET, signedAt,
                InvalidSignature.Reason.MISSING_HEADER);
        assertRefused(timed, delivery(BODY, "X-Webhook-Signature", TIMESTAMPED_HEX, "X-Webhook-Timestamp",
                "yesterday"), SECRET, signedAt, InvalidSignature.Reason.MALFORMED_HEADER);
        // the body alone, without the timestamp, does not verify
        assertRefused(timed, delivery(BODY, "X-Webhook-Signature", hexHmac(SECRET.getBytes(StandardCharsets.UTF_8),
                BODY), "X-Webhook-Timestamp", "1700000000"), SECRET, signedAt, InvalidSignature.Reason.BAD_SIGNATURE);
    }

    @Test
    void namesTheEventByItsConfiguredHeadersAndRefusesAnUnknownEncoding() {
        WebhookDelivery delivery = delivery("{}", "X-Webhook-Id", "evt-9", "X-Webhook-Event", "order.status_changed");

        assertThat(scheme("hex", "", null).eventId(delivery)).isEqualTo("evt-9");
        assertThat(scheme("hex", "", null).eventType(delivery)).isEqualTo("order.status_changed");
        assertThatThrownBy(() -> scheme("base32", "", null)).isInstanceOf(IllegalStateException.class);
    }
}

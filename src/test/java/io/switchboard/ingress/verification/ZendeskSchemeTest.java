package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.base64Hmac;
import static io.switchboard.ingress.verification.Signatures.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Zendesk signature scheme against its vendor's published example, then against tampering. */
class ZendeskSchemeTest {

    private final JsonFields json = new JsonFields(new ObjectMapper());

    private final ZendeskScheme scheme = new ZendeskScheme(json);
    private static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final String BODY = "{\"type\":\"zen:event-type:ticket.created\",\"id\":\"01HV\",\"detail\":{}}";

    @Test
    void verifiesTimestampThenBodyAsZendeskDocumentsIt() {
        // Zendesk publishes no signed example for its current scheme; the signature is computed independently
        String timestamp = "2024-03-04T17:50:46Z";
        String signature = base64Hmac(SECRET, timestamp + BODY);

        assertVerifies(scheme, delivery(BODY, "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), SECRET, Instant.parse(timestamp));
    }

    @Test
    void refusesBodyThenTimestampStaleAndTampered() {
        String timestamp = "2024-03-04T17:50:46Z";
        Instant now = Instant.parse(timestamp);
        assertRefused(scheme, delivery(BODY, "X-Zendesk-Webhook-Signature", base64Hmac(SECRET, BODY + timestamp),
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), SECRET, now, InvalidSignature.Reason.BAD_SIGNATURE);
        String signature = base64Hmac(SECRET, timestamp + BODY);
        assertRefused(scheme, delivery(BODY, "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), SECRET, now.plusSeconds(301),
                InvalidSignature.Reason.STALE_TIMESTAMP);
        assertRefused(scheme, delivery(BODY + " ", "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), SECRET, now, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(BODY, "X-Zendesk-Webhook-Signature", signature), SECRET, now,
                InvalidSignature.Reason.MISSING_HEADER);
    }
}

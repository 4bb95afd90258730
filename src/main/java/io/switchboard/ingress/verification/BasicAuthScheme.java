package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic authentication, for vendors that sign nothing and authenticate their webhook calls with credentials
 * instead (Freshdesk's automation webhooks: "Requires authentication" with a username and password, or an API key
 * sent as {@code <key>:X}). {@code Authorization: Basic base64(<user>:<password>)}; each secret is the whole
 * {@code <user>:<password>} and is compared in constant time. The body is not signed, so the channel must be TLS.
 * No event id (deliveries are deduplicated by a digest of the body) and no type header.
 */
@Component
public class BasicAuthScheme implements SignatureScheme {

    private static final String BASIC = "Basic ";

    @Override
    public String name() {
        return "basic";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String authorization = SignatureScheme.required(delivery, "Authorization");
        if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, "Authorization is not Basic");
        }
        byte[] presented = Hmac.fromBase64(authorization.substring(BASIC.length()).trim());
        boolean any = false;
        for (String secret : secrets) {
            any |= MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented);
        }
        if (!any) {
            throw SignatureScheme.badSignature();
        }
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return null;
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return null;
    }
}

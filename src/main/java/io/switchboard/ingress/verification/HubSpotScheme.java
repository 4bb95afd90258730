package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * HubSpot v3: {@code X-HubSpot-Signature-v3} = base64 HMAC-SHA256 of method + full URI + raw body +
 * {@code X-HubSpot-Request-Timestamp} (milliseconds), with the URL-encoded characters HubSpot lists decoded in the
 * URI first. HubSpot sends no event id header: deliveries are deduplicated by a digest of the body.
 */
@Component
public class HubSpotScheme implements SignatureScheme {

    /** The escapes HubSpot's v3 validation decodes in the request URI before signing. */
    private static final Map<String, String> DECODED = Map.ofEntries(
            Map.entry("%3A", ":"), Map.entry("%2F", "/"), Map.entry("%3F", "?"), Map.entry("%40", "@"),
            Map.entry("%21", "!"), Map.entry("%24", "$"), Map.entry("%27", "'"), Map.entry("%28", "("),
            Map.entry("%29", ")"), Map.entry("%2A", "*"), Map.entry("%2C", ","), Map.entry("%3B", ";"));

    @Override
    public String name() {
        return "hubspot";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        byte[] presented = Hmac.fromBase64(SignatureScheme.required(delivery, "X-HubSpot-Signature-v3"));
        String timestamp = SignatureScheme.required(delivery, "X-HubSpot-Request-Timestamp");
        SignatureScheme.withinTolerance(SignatureScheme.epochMillis(timestamp, "X-HubSpot-Request-Timestamp"), now,
                tolerance);
        byte[] head = (delivery.method() + decodeUri(delivery.uri())).getBytes(StandardCharsets.UTF_8);
        byte[] tail = timestamp.getBytes(StandardCharsets.UTF_8);
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), head, delivery.body(), tail)) {
            throw SignatureScheme.badSignature();
        }
    }

    static String decodeUri(String uri) {
        StringBuilder decoded = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '%' && i + 2 < uri.length()) {
                String replacement = DECODED.get(uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT));
                if (replacement != null) {
                    decoded.append(replacement);
                    i += 2;
                    continue;
                }
            }
            decoded.append(uri.charAt(i));
        }
        return decoded.toString();
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

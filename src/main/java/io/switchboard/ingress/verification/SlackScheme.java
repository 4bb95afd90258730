package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + X-Slack-Request-Timestamp + ":" + body>}. Events
 * API bodies carry an {@code event_id} that Slack keeps across retries; slash commands (form bodies) have none.
 */
@Component
public class SlackScheme implements SignatureScheme {

    private static final String PREFIX = "v0=";

    private final JsonFields json;

    public SlackScheme(JsonFields json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String header = SignatureScheme.required(delivery, "X-Slack-Signature");
        String timestamp = SignatureScheme.required(delivery, "X-Slack-Request-Timestamp");
        if (!header.startsWith(PREFIX)) {
            throw new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, "expected v0=<hex>");
        }
        SignatureScheme.withinTolerance(SignatureScheme.epochSeconds(timestamp, "X-Slack-Request-Timestamp"), now,
                tolerance);
        byte[] presented = Hmac.fromHex(header.substring(PREFIX.length()));
        byte[] base = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), base, delivery.body())) {
            throw SignatureScheme.badSignature();
        }
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "event_id");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return json.topLevel(delivery.body(), "type");
    }
}

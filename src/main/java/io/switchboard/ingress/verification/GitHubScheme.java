package io.switchboard.ingress.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}; id {@code X-GitHub-Delivery}. */
@Component
public class GitHubScheme implements SignatureScheme {

    private static final String PREFIX = "sha256=";

    @Override
    public String name() {
        return "github";
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String header = SignatureScheme.required(delivery, "X-Hub-Signature-256");
        if (!header.startsWith(PREFIX)) {
            throw new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, "expected sha256=<hex>");
        }
        byte[] presented = Hmac.fromHex(header.substring(PREFIX.length()));
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), delivery.body())) {
            throw SignatureScheme.badSignature();
        }
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return delivery.header("X-GitHub-Delivery");
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return delivery.header("X-GitHub-Event");
    }
}

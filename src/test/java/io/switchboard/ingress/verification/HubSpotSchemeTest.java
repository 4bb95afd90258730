package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.FIVE_MINUTES;
import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.base64Hmac;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static io.switchboard.ingress.verification.Signatures.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HubSpot signature scheme against its vendor's published example, then against tampering. */
class HubSpotSchemeTest {

    private final HubSpotScheme scheme = new HubSpotScheme();

    @Test
    void verifiesTheHubSpotSdksV3Example() {
        // HubSpot/hubspot-api-python tests/spec/utils/test_signature.py (same data in hubspot-api-ruby)
        WebhookDelivery delivery = new WebhookDelivery("hubspot", "POST", "https://www.example.com/webhook_uri",
                headers("X-HubSpot-Signature-v3", "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=",
                        "X-HubSpot-Request-Timestamp", "15000000"),
                "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> scheme.verify(delivery, List.of("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"), FIVE_MINUTES,
                Instant.ofEpochMilli(15000000))).doesNotThrowAnyException();
    }

    @Test
    void decodesTheEscapesHubSpotListsBeforeSigning() {
        assertThat(HubSpotScheme.decodeUri("https://h/x?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B&b=%20%26%3D"))
                .isEqualTo("https://h/x?a=:/?@!$'()*,;&b=%20%26%3D");
    }

    @Test
    void refusesAnotherUriMethodOrAStaleTimestamp() {
        String secret = "client-secret";
        long now = 1_700_000_000_000L;
        String body = "[{\"eventId\":1}]";
        String uri = "https://hub.example.com/webhooks/hubspot?portal=1";
        String signature = base64Hmac(secret, "POST" + uri + body + now);
        WebhookDelivery good = new WebhookDelivery("hubspot", "POST", uri,
                headers("X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", Long.toString(now)),
                body.getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> scheme.verify(good, List.of(secret), FIVE_MINUTES, Instant.ofEpochMilli(now)))
                .doesNotThrowAnyException();

        WebhookDelivery otherUri = new WebhookDelivery("hubspot", "POST", uri + "&x=1", good.headers(), good.body());
        assertRefused(scheme, otherUri, secret, Instant.ofEpochMilli(now), InvalidSignature.Reason.BAD_SIGNATURE);
        WebhookDelivery otherMethod = new WebhookDelivery("hubspot", "PUT", uri, good.headers(), good.body());
        assertRefused(scheme, otherMethod, secret, Instant.ofEpochMilli(now), InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, good, secret, Instant.ofEpochMilli(now).plus(Duration.ofMinutes(6)),
                InvalidSignature.Reason.STALE_TIMESTAMP);
    }
}

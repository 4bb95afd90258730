package io.switchboard.ingress;

import static io.switchboard.support.Http.assertProblem;

import io.switchboard.ingress.verification.Hmac;
import io.switchboard.support.Http;
import io.switchboard.support.HubTest;
import io.switchboard.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A signing time no clock can show (far beyond what an instant holds, the ends of a 64-bit integer) is a stale or
 * future signature like any other: 401 {@code invalid_signature}, never a 500 from reading it. The deliveries are
 * signed with the sources' secrets, so that every scheme reads the time whether it checks it before or after the MAC.
 * Likewise an event id no database column holds (a NUL in a signed body's id) is not one: the body's digest names
 * the event instead.
 */
@HubTest
class WebhookTimestampBoundsTest {

    private static final List<String> EXTREMES = List.of("100000000000000000", "-100000000000000000",
            "100000000000000", Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE),
            "99999999999999999999", "+1", " 1", "1e9", "+1000000000-12-31T23:59:59Z");
    private static final String BODY = "{\"id\":\"evt_bounds\",\"type\":\"x\",\"event_id\":\"Ev1\"}";

    @LocalServerPort
    int port;

    @Test
    void outOfRangeTimestampsAreInvalidSignaturesForEveryTimedScheme() throws Exception {
        Http http = new Http(port);
        for (String t : EXTREMES) {
            byte[] standardKey = Base64.getDecoder().decode(Webhooks.STANDARD_SECRET.substring("whsec_".length()));
            assertProblem(http.send("POST", "/webhooks/acme", BODY, "webhook-id", "msg_1", "webhook-timestamp", t,
                    "webhook-signature", "v1," + base64(standardKey, "msg_1." + t.trim() + "." + BODY)),
                    401, "invalid_signature");
            assertProblem(http.send("POST", "/webhooks/slack", BODY, "X-Slack-Request-Timestamp", t,
                    "X-Slack-Signature", "v0=" + hex("sandbox-slack-signing-secret", "v0:" + t.trim() + ":" + BODY)),
                    401, "invalid_signature");
            assertProblem(http.send("POST", "/webhooks/stripe", BODY, "Stripe-Signature",
                    "t=" + t + ",v1=" + hex("whsec_sandbox_stripe_endpoint_secret", t.trim() + "." + BODY)),
                    401, "invalid_signature");
            assertProblem(http.send("POST", "/webhooks/zendesk", BODY, "X-Zendesk-Webhook-Signature",
                    base64("sandbox-zendesk-signing-secret".getBytes(StandardCharsets.UTF_8), t.trim() + BODY),
                    "X-Zendesk-Webhook-Signature-Timestamp", t), 401, "invalid_signature");
            String uri = "http://localhost:" + port + "/webhooks/hubspot";
            assertProblem(http.send("POST", "/webhooks/hubspot", BODY, "X-HubSpot-Signature-v3",
                    base64("sandbox-hubspot-client-secret".getBytes(StandardCharsets.UTF_8),
                            "POST" + uri + BODY + t.trim()), "X-HubSpot-Request-Timestamp", t),
                    401, "invalid_signature");
        }
    }

    @Test
    void aSignedEventIdThatIsNoIdentifierIsReplacedByTheBodysDigest() throws Exception {
        Http http = new Http(port);
        for (String id : List.of("evt_\\u0000nul", "evt_\\u0007bell", "evt_\\nline")) {
            String body = "{\"id\":\"" + id + "-" + java.util.UUID.randomUUID() + "\",\"type\":\"charge.succeeded\"}";
            String t = Long.toString(System.currentTimeMillis() / 1000);

            var response = http.send("POST", "/webhooks/stripe", body, "Stripe-Signature",
                    "t=" + t + ",v1=" + hex("whsec_sandbox_stripe_endpoint_secret", t + "." + body));

            org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(response.body()).startsWith("{\"id\":\"sha256:");
        }
    }

    private static String base64(byte[] key, String content) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, content.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(String secret, String content) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                content.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Slack signature scheme against its vendor's published example, then against tampering. */
class SlackSchemeTest {

    private final JsonFields json = new JsonFields(new ObjectMapper());

    private final SlackScheme scheme = new SlackScheme(json);
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1531420618);

    private WebhookDelivery example(String body) {
        // Slack's "Verifying requests from Slack" example, also in python-slack-sdk's tests
        return delivery(body, "X-Slack-Request-Timestamp", "1531420618",
                "X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void verifiesSlacksDocumentedExample() {
        assertVerifies(scheme, example(BODY), SECRET, SIGNED_AT);
    }

    @Test
    void refusesTheSameRequestFiveMinutesLaterOrEarlierAndTampering() {
        assertRefused(scheme, example(BODY), SECRET, SIGNED_AT.plusSeconds(301), InvalidSignature.Reason.STALE_TIMESTAMP);
        assertRefused(scheme, example(BODY), SECRET, SIGNED_AT.minusSeconds(301), InvalidSignature.Reason.FUTURE_TIMESTAMP);
        assertRefused(scheme, example(BODY + "&x=1"), SECRET, SIGNED_AT, InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery(BODY, "X-Slack-Signature", "v0=a2114d57"), SECRET, SIGNED_AT,
                InvalidSignature.Reason.MISSING_HEADER);
    }
}

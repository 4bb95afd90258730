package io.switchboard.ingress.verification;

import static io.switchboard.ingress.verification.Signatures.assertRefused;
import static io.switchboard.ingress.verification.Signatures.assertVerifies;
import static io.switchboard.ingress.verification.Signatures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The GitHub signature scheme against its vendor's published example, then against tampering. */
class GitHubSchemeTest {

    private final GitHubScheme scheme = new GitHubScheme();

    @Test
    void verifiesGitHubsDocumentationExample() {
        // docs.github.com, "Validating webhook deliveries", testing the payload validation
        WebhookDelivery delivery = delivery("Hello, World!",
                "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        assertVerifies(scheme, delivery, "It's a Secret to Everybody", Instant.now());
    }

    @Test
    void verifiesOctokitsExample() {
        // octokit/webhooks-methods.js test/verify.test.ts
        WebhookDelivery delivery = delivery("{\"foo\":\"bar\"}",
                "X-Hub-Signature-256", "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3");

        assertVerifies(scheme, delivery, "mysecret", Instant.now());
    }

    @Test
    void refusesTamperingAndMissingOrMalformedHeaders() {
        String good = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertRefused(scheme, delivery("Hello, World?", "X-Hub-Signature-256", good), "It's a Secret to Everybody",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("Hello, World!", "X-Hub-Signature-256", good), "another secret",
                InvalidSignature.Reason.BAD_SIGNATURE);
        assertRefused(scheme, delivery("Hello, World!"), "It's a Secret to Everybody",
                InvalidSignature.Reason.MISSING_HEADER);
        assertRefused(scheme, delivery("Hello, World!", "X-Hub-Signature-256", "sha1=d03207e4b030cf234e3447bac4d93add4c6643d8"),
                "It's a Secret to Everybody", InvalidSignature.Reason.MALFORMED_HEADER);
        assertRefused(scheme, delivery("Hello, World!", "X-Hub-Signature-256", "sha256=not-hex"),
                "It's a Secret to Everybody", InvalidSignature.Reason.BAD_SIGNATURE);
    }

    @Test
    void namesTheEventByItsDeliveryHeader() {
        WebhookDelivery delivery = delivery("{}", "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                "X-GitHub-Event", "issues");

        assertThat(scheme.eventId(delivery)).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(scheme.eventType(delivery)).isEqualTo("issues");
    }
}

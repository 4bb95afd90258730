package io.switchboard.ingress.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingress.GenericHmacScheme;
import io.switchboard.ingress.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each scheme against the vendor's own published example, then against tampering: another body, another secret,
 * stale and future timestamps, missing and malformed headers.
 */
public class SignatureSchemesTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final JsonFields json = new JsonFields(new ObjectMapper());

    @Nested
    class GitHub {
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

    @Nested
    class StandardWebhooks {
        private final StandardWebhooksScheme scheme = new StandardWebhooksScheme(json);
        private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);

        private WebhookDelivery vector(String signatureHeader) {
            // standard-webhooks libraries/javascript/src/webhook.test.ts and libraries/java WebhookTest
            return delivery("{\"test\": 2432232314}", "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    "webhook-timestamp", "1614265330", "webhook-signature", signatureHeader);
        }

        @Test
        void verifiesTheLibrariesTestVector() {
            assertVerifies(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), SECRET, SIGNED_AT);
        }

        @Test
        void findsTheValidSignatureInAListAndSkipsOtherVersions() {
            String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= "
                    + "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1a,abc";

            assertVerifies(scheme, vector(header), SECRET, SIGNED_AT);
        }

        @Test
        void acceptsTheSecretWithoutItsPrefixAndAnyActiveSecret() {
            assertVerifies(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                    "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SIGNED_AT);
            assertThatCode(() -> scheme.verify(vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                    List.of("whsec_b2xkIHNlY3JldCByb3RhdGVkIG91dA==", SECRET), FIVE_MINUTES, SIGNED_AT))
                    .doesNotThrowAnyException();
        }

        @Test
        void refusesStaleFutureTamperedAndEmptySignatures() {
            String good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
            assertRefused(scheme, vector(good), SECRET, SIGNED_AT.plus(FIVE_MINUTES).plusSeconds(1),
                    InvalidSignature.Reason.STALE_TIMESTAMP);
            assertRefused(scheme, vector(good), SECRET, SIGNED_AT.minus(FIVE_MINUTES).minusSeconds(1),
                    InvalidSignature.Reason.FUTURE_TIMESTAMP);
            assertRefused(scheme, vector("v1,"), SECRET, SIGNED_AT, InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, vector("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOL"), SECRET, SIGNED_AT,
                    InvalidSignature.Reason.BAD_SIGNATURE);
            WebhookDelivery otherBody = delivery("{\"test\": 2432232315}", "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    "webhook-timestamp", "1614265330", "webhook-signature", good);
            assertRefused(scheme, otherBody, SECRET, SIGNED_AT, InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery("{}", "webhook-id", "x", "webhook-signature", good), SECRET, SIGNED_AT,
                    InvalidSignature.Reason.MISSING_HEADER);
        }

        @Test
        void namesTheEventByItsWebhookId() {
            assertThat(scheme.eventId(vector("v1,x"))).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        }
    }

    @Nested
    class Shopify {
        private final ShopifyScheme scheme = new ShopifyScheme();

        @Test
        void verifiesTheShopifyApiLibrarysTestVector() {
            // Shopify/shopify-app-js packages/apps/shopify-api/lib/webhooks/__tests__/validate.test.ts
            WebhookDelivery delivery = delivery("{\"foo\": \"bar\"}",
                    "X-Shopify-Hmac-Sha256", "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");

            assertVerifies(scheme, delivery, "test_secret_key", Instant.now());
        }

        @Test
        void refusesTamperingAndMissingHeader() {
            String good = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
            assertRefused(scheme, delivery("{\"foo\":\"bar\"}", "X-Shopify-Hmac-Sha256", good), "test_secret_key",
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery("{\"foo\": \"bar\"}", "X-Shopify-Hmac-Sha256", good), "other_key",
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery("{\"foo\": \"bar\"}"), "test_secret_key", InvalidSignature.Reason.MISSING_HEADER);
        }
    }

    @Nested
    class Slack {
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

    @Nested
    class HubSpot {
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

    @Nested
    class Stripe {
        private final StripeScheme scheme = new StripeScheme(json);
        // stripe/stripe-dotnet src/StripeTests/Resources/event_test_signature.json (with its final newline)
        private static final String BODY = "{\n  \"id\": \"evt_123\",\n  \"object\": \"event\",\n  \"account\": \"acct_123\",\n"
                + "  \"api_version\": \"2017-05-25\",\n  \"created\": 1533204620,\n  \"data\": {\n    \"object\": {\n"
                + "      \"id\": \"cus_123\",\n      \"object\": \"customer\",\n      \"created\": 123456789,\n"
                + "      \"email\": \"test@stripe.com\",\n      \"livemode\": false,\n      \"metadata\": {}\n    }\n  },\n"
                + "  \"livemode\": false,\n  \"pending_webhooks\": 1,\n  \"request\": {\n    \"id\": \"req_123\",\n"
                + "    \"idempotency_key\": \"idempotency-key-123\"\n  },\n  \"type\": \"customer.created\"\n}\n";
        private static final String HEADER = "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,"
                + "v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";

        @Test
        void verifiesStripeDotnetsSignedFixture() {
            // stripe-dotnet EventUtilityTest: now = t + 100 passes
            assertVerifies(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                    Instant.ofEpochSecond(1533204620 + 100));
        }

        @Test
        void acceptsAnyMatchingV1AmongSeveral() {
            assertVerifies(scheme, delivery(BODY, "Stripe-Signature", HEADER + ",v1=bad_signature"), "webhook_secret",
                    Instant.ofEpochSecond(1533204620));
        }

        @Test
        void refusesOutsideTheToleranceEitherWayAndWithoutTheNewline() {
            assertRefused(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                    Instant.ofEpochSecond(1533204620 + 400), InvalidSignature.Reason.STALE_TIMESTAMP);
            assertRefused(scheme, delivery(BODY, "Stripe-Signature", HEADER), "webhook_secret",
                    Instant.ofEpochSecond(1533204620 - 400), InvalidSignature.Reason.FUTURE_TIMESTAMP);
            assertRefused(scheme, delivery(BODY.strip(), "Stripe-Signature", HEADER), "webhook_secret",
                    Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery(BODY, "Stripe-Signature", "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7"),
                    "webhook_secret", Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.MALFORMED_HEADER);
            assertRefused(scheme, delivery(BODY, "Stripe-Signature", "t=abc,v1=00"), "webhook_secret",
                    Instant.ofEpochSecond(1533204620), InvalidSignature.Reason.MALFORMED_HEADER);
        }

        @Test
        void namesTheEventByTheIdInItsBody() {
            assertThat(scheme.eventId(delivery(BODY))).isEqualTo("evt_123");
            assertThat(scheme.eventType(delivery(BODY))).isEqualTo("customer.created");
        }
    }

    @Nested
    class Zendesk {
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

    /** RFC 4231, test case 2: HMAC-SHA256 with key "Jefe" of "what do ya want for nothing?". */
    private static final String RFC4231_KEY = "Jefe";
    private static final String RFC4231_DATA = "what do ya want for nothing?";
    private static final String RFC4231_HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String RFC4231_BASE64 = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

    @Nested
    class WooCommerce {
        private final WooCommerceScheme scheme = new WooCommerceScheme();

        @Test
        void verifiesTheBase64MacOfTheBody() {
            // WooCommerce signs base64_encode(hash_hmac('sha256', $payload, $secret, true)): RFC 4231's vector
            assertVerifies(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_BASE64), RFC4231_KEY,
                    Instant.now());
            // an order body signed by openssl (printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
            assertVerifies(scheme, delivery("{\"id\":1001,\"number\":\"1001\",\"status\":\"completed\"}",
                    "X-WC-Webhook-Signature", "WxYFx/DWQWtwIwjLTZgtj5+Q2wIhKKLpiyz2LMksKEg="),
                    "sandbox-woocommerce-webhook-secret", Instant.now());
        }

        @Test
        void refusesTamperingAndMissingOrMalformedHeaders() {
            assertRefused(scheme, delivery(RFC4231_DATA + " ", "X-WC-Webhook-Signature", RFC4231_BASE64), RFC4231_KEY,
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_BASE64), "Jeff",
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", RFC4231_HEX), RFC4231_KEY,
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery(RFC4231_DATA, "X-WC-Webhook-Signature", "not base64!"), RFC4231_KEY,
                    InvalidSignature.Reason.BAD_SIGNATURE);
            assertRefused(scheme, delivery(RFC4231_DATA), RFC4231_KEY, InvalidSignature.Reason.MISSING_HEADER);
        }

        @Test
        void namesTheEventByItsDeliveryIdAndTopic() {
            WebhookDelivery delivery = delivery("{}", "X-WC-Webhook-Delivery-ID", "8b5a6f0e4c", "X-WC-Webhook-Topic",
                    "order.updated");

            assertThat(scheme.eventId(delivery)).isEqualTo("8b5a6f0e4c");
            assertThat(scheme.eventType(delivery)).isEqualTo("order.updated");
        }

        @Test
        void onlyTheUnsignedFormBodyOfItsPingIsAPing() {
            assertThat(scheme.isPing(delivery("webhook_id=15"))).isTrue();
            assertThat(scheme.isPing(delivery("webhook_id=15", "X-WC-Webhook-Signature", RFC4231_BASE64))).isFalse();
            assertThat(scheme.isPing(delivery("webhook_id=15&x=1"))).isFalse();
            assertThat(scheme.isPing(delivery("{\"webhook_id\":15}"))).isFalse();
        }
    }

    @Nested
    class GenericHmac {
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

    private static void assertVerifies(SignatureScheme scheme, WebhookDelivery delivery, String secret, Instant now) {
        assertThatCode(() -> scheme.verify(delivery, List.of(secret), FIVE_MINUTES, now)).doesNotThrowAnyException();
    }

    private static void assertRefused(SignatureScheme scheme, WebhookDelivery delivery, String secret,
                                      InvalidSignature.Reason reason) {
        assertRefused(scheme, delivery, secret, Instant.now(), reason);
    }

    private static void assertRefused(SignatureScheme scheme, WebhookDelivery delivery, String secret, Instant now,
                                      InvalidSignature.Reason reason) {
        assertThatThrownBy(() -> scheme.verify(delivery, List.of(secret), FIVE_MINUTES, now))
                .isInstanceOfSatisfying(InvalidSignature.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static WebhookDelivery delivery(String body, String... headerPairs) {
        return new WebhookDelivery("test", "POST", "https://hub.example.com/webhooks/test", headers(headerPairs),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i].toLowerCase(Locale.ROOT), pairs[i + 1]);
        }
        return headers;
    }

    public static String base64Hmac(String secret, String content) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                content.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hexHmac(byte[] key, String content) {
        return HexFormat.of().formatHex(Hmac.sha256(key, content.getBytes(StandardCharsets.UTF_8)));
    }
}

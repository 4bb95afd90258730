package io.switchboard.ingress.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the signature scheme tests share: deliveries, the assertions, and HMACs to sign test payloads with. */
public final class Signatures {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** RFC 4231, test case 2: HMAC-SHA256 with key "Jefe" of "what do ya want for nothing?". */
    static final String RFC4231_KEY = "Jefe";
    static final String RFC4231_DATA = "what do ya want for nothing?";
    static final String RFC4231_HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    static final String RFC4231_BASE64 = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

    private Signatures() {
    }

    static void assertVerifies(SignatureScheme scheme, WebhookDelivery delivery, String secret, Instant now) {
        assertThatCode(() -> scheme.verify(delivery, List.of(secret), FIVE_MINUTES, now)).doesNotThrowAnyException();
    }

    static void assertRefused(SignatureScheme scheme, WebhookDelivery delivery, String secret,
                              InvalidSignature.Reason reason) {
        assertRefused(scheme, delivery, secret, Instant.now(), reason);
    }

    static void assertRefused(SignatureScheme scheme, WebhookDelivery delivery, String secret, Instant now,
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

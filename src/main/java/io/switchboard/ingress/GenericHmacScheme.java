package io.switchboard.ingress;

import io.switchboard.ingress.verification.Hmac;
import io.switchboard.ingress.verification.InvalidSignature;
import io.switchboard.ingress.verification.SignatureScheme;
import io.switchboard.ingress.verification.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The configurable {@code hmac} scheme of in-house senders: an HMAC-SHA256 of the raw body, or of
 * {@code <timestamp>.<body>} when a timestamp header is configured, hex or base64, after an optional prefix. One
 * instance per source, from its {@link WebhookProperties.HmacSettings}.
 */
public final class GenericHmacScheme implements SignatureScheme {

    public static final String NAME = "hmac";

    private final WebhookProperties.HmacSettings settings;
    private final boolean base64;

    public GenericHmacScheme(WebhookProperties.HmacSettings settings) {
        this.settings = settings;
        this.base64 = switch (settings.encoding().toLowerCase(Locale.ROOT)) {
            case "hex" -> false;
            case "base64" -> true;
            default -> throw new IllegalStateException("hmac.encoding: expected hex or base64, got '"
                    + settings.encoding() + "'");
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(WebhookDelivery delivery, List<String> secrets, Duration tolerance, Instant now) {
        String header = SignatureScheme.required(delivery, settings.header());
        String prefix = settings.prefix() == null ? "" : settings.prefix();
        if (!header.startsWith(prefix)) {
            throw new InvalidSignature(InvalidSignature.Reason.MALFORMED_HEADER, "expected " + prefix + "<mac>");
        }
        String encoded = header.substring(prefix.length());
        byte[] presented = base64 ? Hmac.fromBase64(encoded) : Hmac.fromHex(encoded);
        String timestampHeader = settings.timestampHeader();
        if (timestampHeader == null || timestampHeader.isBlank()) {
            if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), delivery.body())) {
                throw SignatureScheme.badSignature();
            }
            return;
        }
        String timestamp = SignatureScheme.required(delivery, timestampHeader);
        Instant signedAt = SignatureScheme.epochSeconds(timestamp, timestampHeader);
        byte[] signedPrefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        if (!Hmac.signedByAny(secrets, SignatureScheme.listOf(presented), signedPrefix, delivery.body())) {
            throw SignatureScheme.badSignature();
        }
        SignatureScheme.withinTolerance(signedAt, now, tolerance);
    }

    @Override
    public String eventId(WebhookDelivery delivery) {
        return settings.idHeader() == null ? null : delivery.header(settings.idHeader());
    }

    @Override
    public String eventType(WebhookDelivery delivery) {
        return settings.typeHeader() == null ? null : delivery.header(settings.typeHeader());
    }
}

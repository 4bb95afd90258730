package io.switchboard.ingress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.webhooks.*}: the webhook sources and how deliveries are taken in.
 *
 * @param sources        source name ({@code /webhooks/<name>}) to its settings
 * @param enqueueTimeout how long the broker may take to confirm a delivery before the vendor gets 503
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhookProperties(Map<String, Source> sources, @DefaultValue("2s") Duration enqueueTimeout) {

    public WebhookProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /**
     * @param scheme        signature scheme: shopify, woocommerce, stripe, github, zendesk, hubspot, slack, standard
     *                      or hmac (configured by {@code hmac})
     * @param secrets       active secrets, any of which verifies (from the environment)
     * @param tolerance     how far a signed timestamp may be from now, either way
     * @param maxBodySize   larger bodies get 413 before they are read whole
     * @param retrySchedule delays between processing attempts; after the last, the dead-letter queue
     * @param hmac          how the {@code hmac} scheme reads this source's deliveries (other schemes ignore it)
     */
    public record Source(
            String scheme,
            List<String> secrets,
            @DefaultValue("5m") Duration tolerance,
            @DefaultValue("256KB") DataSize maxBodySize,
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
            @DefaultValue HmacSettings hmac) {

        public Source {
            secrets = secrets == null ? List.of() : secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
            retrySchedule = List.copyOf(retrySchedule);
        }
    }

    /**
     * The generic {@code hmac} scheme: an HMAC-SHA256 of the raw body (or of {@code <timestamp>.<body>}) keyed
     * with the secret's UTF-8 bytes, as in-house systems commonly send it.
     *
     * @param header          the signature's header
     * @param encoding        {@code hex} or {@code base64}
     * @param prefix          text before the encoded MAC in the header, e.g. {@code sha256=}; empty for none
     * @param timestampHeader when set, the header with the signing time (Unix seconds): the MAC is then over
     *                        {@code <timestamp>.<body>} and the time must be within the source's tolerance
     * @param idHeader        the header naming the event (repeats are answered as duplicates); none: a body digest
     * @param typeHeader      the header naming the event's type
     */
    public record HmacSettings(
            @DefaultValue("X-Webhook-Signature") String header,
            @DefaultValue("hex") String encoding,
            @DefaultValue("") String prefix,
            String timestampHeader,
            @DefaultValue("X-Webhook-Id") String idHeader,
            @DefaultValue("X-Webhook-Event") String typeHeader) {
    }
}

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
     * @param scheme        signature scheme: shopify, stripe, github, zendesk, hubspot, slack or standard
     * @param secrets       active secrets, any of which verifies (from the environment)
     * @param tolerance     how far a signed timestamp may be from now, either way
     * @param maxBodySize   larger bodies get 413 before they are read whole
     * @param retrySchedule delays between processing attempts; after the last, the dead-letter queue
     */
    public record Source(
            String scheme,
            List<String> secrets,
            @DefaultValue("5m") Duration tolerance,
            @DefaultValue("256KB") DataSize maxBodySize,
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule) {

        public Source {
            secrets = secrets == null ? List.of() : secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
            retrySchedule = List.copyOf(retrySchedule);
        }
    }
}

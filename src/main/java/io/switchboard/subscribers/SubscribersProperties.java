package io.switchboard.subscribers;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.subscribers.*}: outbound webhooks to the subscribers of the hub's domain events.
 *
 * @param retrySchedule  delays between a delivery's attempts (each ±20 %); after the last,
 *                       {@code jobs.subscriber-delivery.dlq}
 * @param consumers      concurrent delivery workers per instance
 * @param disableAfter   consecutive failed attempts (any events) after which an endpoint is disabled
 * @param connectTimeout the most a connection to a subscriber may take
 * @param timeout        the most one delivery may take, response included
 * @param requireHttps   refuse subscriptions to plain {@code http://} endpoints
 */
@ConfigurationProperties("switchboard.subscribers")
public record SubscribersProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @DefaultValue("2") int consumers,
        @DefaultValue("15") int disableAfter,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("true") boolean requireHttps) {
}

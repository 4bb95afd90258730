package io.switchboard.subscribers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard_subscriber_deliveries_total{subscriber, outcome}}, by subscription id: {@code delivered},
 * {@code failed} (an attempt that will be retried or dead-lettered), {@code withheld} (no marketing consent),
 * {@code endpoint_disabled} (an attempt not made because the endpoint is disabled), {@code disabled} (the failure
 * that disabled the endpoint).
 */
@Component
public class SubscriberMetrics {

    private final MeterRegistry registry;

    public SubscriberMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String subscriber, String outcome) {
        Counter.builder("switchboard.subscriber.deliveries").tag("subscriber", subscriber).tag("outcome", outcome)
                .description("Outbound webhook deliveries to subscribers, by outcome")
                .register(registry).increment();
    }
}

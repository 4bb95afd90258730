package io.switchboard.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Webhook counters per source ({@code switchboard_webhooks_*}) and the receive-to-processed latency. */
@Component
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String source) {
        counter("switchboard.webhooks.accepted", source).increment();
    }

    public void duplicate(String source) {
        counter("switchboard.webhooks.duplicate", source).increment();
    }

    public void rejected(String source, String reason) {
        Counter.builder("switchboard.webhooks.rejected").tag("source", source).tag("reason", reason)
                .register(registry).increment();
    }

    public void processed(String source, Duration sinceReceived) {
        counter("switchboard.webhooks.processed", source).increment();
        Timer.builder("switchboard.webhooks.processing").tag("source", source)
                .description("From receipt to applied").publishPercentileHistogram()
                .register(registry).record(sinceReceived);
    }

    public void retried(String source) {
        counter("switchboard.webhooks.retried", source).increment();
    }

    public void deadLettered(String source) {
        counter("switchboard.webhooks.dead.lettered", source).increment();
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }
}

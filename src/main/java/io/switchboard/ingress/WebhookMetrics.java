package io.switchboard.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Webhook counters per source ({@code switchboard_webhooks_*}) and the receive-to-processed latency; retries and
 * dead letters of jobs count as {@code switchboard_jobs_retried_total{job}} and {@code _dead_lettered_total{job}}.
 */
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

    public void retried(RetryingQueues.Retrying queue) {
        counter(queue, "retried").increment();
    }

    public void deadLettered(RetryingQueues.Retrying queue) {
        counter(queue, "dead.lettered").increment();
    }

    private Counter counter(RetryingQueues.Retrying queue, String what) {
        return Counter.builder("switchboard." + queue.kind() + "." + what).tag(queue.tag(), queue.name())
                .register(registry);
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }
}

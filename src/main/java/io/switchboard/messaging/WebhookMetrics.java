package io.switchboard.messaging;

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

    /** Buckets of the receipt-to-applied lag: from the usual sub-second to the retries' hours. */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry, RetryingQueues queues) {
        this.registry = registry;
        // at zero from the start, so that rates and alerts have a series before the first event
        for (RetryingQueues.Retrying queue : queues.all()) {
            if ("webhooks".equals(queue.kind())) {
                counter("switchboard.webhooks.accepted", queue.name());
                counter("switchboard.webhooks.duplicate", queue.name());
                counter("switchboard.webhooks.processed", queue.name());
                processing(queue.name());
            }
            counter(queue, "retried");
            counter(queue, "dead.lettered");
        }
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
        processing(source).record(sinceReceived);
    }

    private Timer processing(String source) {
        return Timer.builder("switchboard.webhooks.processing").tag("source", source)
                .description("From receipt to applied").serviceLevelObjectives(LAG_BUCKETS).register(registry);
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

package io.switchboard.resilience;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-integration meters, defined once: {@code switchboard_integration_calls_total{integration,outcome}},
 * {@code switchboard_integration_call_seconds} (a histogram with buckets around the 2 s that the latency alert
 * watches), {@code switchboard_integration_auth_failures_total}, {@code switchboard_integration_token_refreshes_total}
 * and {@code switchboard_integration_rate_limit_wait_seconds}. {@link #register} creates them at zero for an
 * integration, so that rates and alerts have a series from the start.
 */
public final class IntegrationMetrics {

    /** Every outcome a call is counted under. */
    public static final List<String> OUTCOMES = List.of("success", "client_error", "auth_failure", "rate_limited",
            "upstream_error", "timeout", "breaker_open");

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000),
        Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(2500), Duration.ofMillis(3000),
        Duration.ofMillis(5000), Duration.ofMillis(10000), Duration.ofMillis(30000)};

    private final MeterRegistry registry;

    public IntegrationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void register(String integration) {
        OUTCOMES.forEach(outcome -> calls(integration, outcome));
        latency(integration);
        authFailures(integration);
        tokenRefreshes(integration);
        rateLimitWaits(integration);
    }

    public Counter calls(String integration, String outcome) {
        return Counter.builder("switchboard.integration.calls").tag("integration", integration).tag("outcome", outcome)
                .description("Vendor calls, each attempt, by outcome").register(registry);
    }

    public void called(String integration, String outcome, long nanos) {
        calls(integration, outcome).increment();
        latency(integration).record(nanos, TimeUnit.NANOSECONDS);
        if ("auth_failure".equals(outcome)) {
            authFailures(integration).increment();
        }
    }

    public void tokenRefreshed(String integration) {
        tokenRefreshes(integration).increment();
    }

    public void rateLimitWait(String integration, Duration wait) {
        rateLimitWaits(integration).record(wait);
    }

    private Timer latency(String integration) {
        return Timer.builder("switchboard.integration.call").tag("integration", integration)
                .description("Vendor call latency, each attempt").serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    private Counter authFailures(String integration) {
        return Counter.builder("switchboard.integration.auth.failures").tag("integration", integration)
                .description("Vendor calls refused our credentials (401, or 403 not for a rate limit)")
                .register(registry);
    }

    private Counter tokenRefreshes(String integration) {
        return Counter.builder("switchboard.integration.token.refreshes").tag("integration", integration)
                .description("Credentials renewed after the vendor refused them").register(registry);
    }

    private Timer rateLimitWaits(String integration) {
        return Timer.builder("switchboard.integration.rate.limit.wait").tag("integration", integration)
                .description("Waits for a vendor's Retry-After before calling again").register(registry);
    }
}

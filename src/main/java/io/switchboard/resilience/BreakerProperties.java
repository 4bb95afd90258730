package io.switchboard.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.resilience.breaker.*}: the circuit breaker every integration gets.
 *
 * @param failureRateThreshold percentage of failed calls that opens the circuit
 * @param minimumCalls         calls in the window before the rate counts
 * @param windowSize           calls in the sliding window
 * @param openFor              how long an open circuit refuses calls (also the Retry-After it answers with)
 * @param halfOpenCalls        trial calls let through after that
 * @param retryAfter           Retry-After suggested when a vendor fails without saying when to come back
 */
@ConfigurationProperties("switchboard.resilience.breaker")
public record BreakerProperties(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("5") int minimumCalls,
        @DefaultValue("20") int windowSize,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("2") int halfOpenCalls,
        @DefaultValue("5s") Duration retryAfter) {
}

package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Iterator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * The {@code integrations} health component: one child per integration, read from its circuit breaker. An open
 * circuit is DOWN. Kept out of the liveness and readiness groups: a vendor outage must not restart or unroute
 * the hub, which still answers from its caches and says "temporarily unavailable" for the rest.
 */
@Component("integrations")
public class IntegrationHealth implements CompositeHealthContributor {

    private final CircuitBreakerRegistry breakers;

    public IntegrationHealth(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return breakers.find(name).map(IntegrationHealth::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return breakers.getAllCircuitBreakers().stream()
                .map(breaker -> NamedContributor.of(breaker.getName(), indicator(breaker)))
                .iterator();
    }

    private static HealthContributor indicator(CircuitBreaker breaker) {
        return (HealthIndicator) () -> {
            CircuitBreaker.State state = breaker.getState();
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            Health.Builder health = switch (state) {
                case OPEN, FORCED_OPEN -> Health.down();
                default -> Health.up();
            };
            return health.withDetail("circuit", state.name())
                    .withDetail("failureRate", metrics.getFailureRate())
                    .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                    .build();
        };
    }
}

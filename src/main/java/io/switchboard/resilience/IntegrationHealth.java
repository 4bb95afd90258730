package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Iterator;
import java.util.Optional;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * The {@code integrations} health component: one child per integration. An open circuit is DOWN; so is an
 * integration whose last look ({@link IntegrationProbes}: its recent real calls, or a probe while idle) failed, so
 * that health tells the truth even for an integration nobody called. Kept out of the liveness and readiness groups:
 * a vendor outage must not restart or unroute the hub, which still answers from its caches and says "temporarily
 * unavailable" for the rest.
 */
@Component("integrations")
public class IntegrationHealth implements CompositeHealthContributor {

    private final CircuitBreakerRegistry breakers;
    private final IntegrationProbes probes;

    public IntegrationHealth(CircuitBreakerRegistry breakers, IntegrationProbes probes) {
        this.breakers = breakers;
        this.probes = probes;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return breakers.find(name).map(this::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return breakers.getAllCircuitBreakers().stream()
                .map(breaker -> NamedContributor.of(breaker.getName(), indicator(breaker)))
                .iterator();
    }

    private HealthContributor indicator(CircuitBreaker breaker) {
        return (HealthIndicator) () -> {
            CircuitBreaker.State state = breaker.getState();
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            Optional<IntegrationProbes.Status> looked = probes.status(breaker.getName());
            boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
            Health.Builder health = open || looked.map(status -> !status.up()).orElse(false)
                    ? Health.down() : Health.up();
            health.withDetail("circuit", state.name())
                    .withDetail("failureRate", metrics.getFailureRate())
                    .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls());
            looked.ifPresent(status -> {
                health.withDetail("checkedBy", status.how()).withDetail("checkedAt", status.at().toString());
                if (status.error() != null) {
                    health.withDetail("error", status.error());
                }
            });
            return health.build();
        };
    }
}

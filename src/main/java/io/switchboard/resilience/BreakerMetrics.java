package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard_circuit_open{integration}}: 1 while an integration's circuit is open, else 0, and
 * {@code switchboard_circuit_not_permitted_total}: calls refused by an open circuit. Those refusals, and calls the
 * breaker's timeout gave up on, also count in {@code switchboard_integration_calls_total} as outcomes
 * {@code breaker_open} and {@code timeout} ({@link VendorRetries} counts the attempts that got an answer).
 */
@Component
public class BreakerMetrics implements MeterBinder {

    private final CircuitBreakerRegistry breakers;

    public BreakerMetrics(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        breakers.getAllCircuitBreakers().forEach(breaker -> bind(breaker, registry));
        breakers.getEventPublisher().onEntryAdded(event -> bind(event.getAddedEntry(), registry));
    }

    private static void bind(CircuitBreaker breaker, MeterRegistry registry) {
        Gauge.builder("switchboard.circuit.open", breaker, b -> isOpen(b) ? 1 : 0)
                .tag("integration", breaker.getName())
                .description("1 while the integration's circuit breaker is open")
                .register(registry);
        FunctionCounter
                .builder("switchboard.circuit.not.permitted", breaker, b -> b.getMetrics().getNumberOfNotPermittedCalls())
                .tag("integration", breaker.getName())
                .description("Calls refused while the circuit was open")
                .register(registry);
        IntegrationMetrics integration = new IntegrationMetrics(registry);
        integration.register(breaker.getName());
        Counter refused = integration.calls(breaker.getName(), "breaker_open");
        Counter timedOut = integration.calls(breaker.getName(), "timeout");
        breaker.getEventPublisher().onCallNotPermitted(event -> refused.increment());
        breaker.getEventPublisher().onError(event -> {
            if (event.getThrowable() instanceof TimeoutException) {
                timedOut.increment();
            }
        });
    }

    private static boolean isOpen(CircuitBreaker breaker) {
        return breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
    }
}

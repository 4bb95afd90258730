package io.switchboard.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/integrations}: each integration's health (DOWN while its circuit is open, as
 * {@code /actuator/health} says), its circuit state and recent failure rate (the breaker's window), and this
 * instance's calls since start: by outcome, the success rate, and the mean and recent maximum latency.
 */
@RestController
public class IntegrationsController {

    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry metrics;

    public IntegrationsController(CircuitBreakerRegistry breakers, MeterRegistry metrics) {
        this.breakers = breakers;
        this.metrics = metrics;
    }

    @GetMapping(path = "/admin/integrations", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> integrations() {
        TreeSet<String> names = new TreeSet<>();
        breakers.getAllCircuitBreakers().forEach(breaker -> names.add(breaker.getName()));
        metrics.find("switchboard.integration.calls").counters().stream()
                .map(counter -> counter.getId().getTag("integration")).filter(Objects::nonNull).forEach(names::add);
        List<Map<String, Object>> items = names.stream().map(this::describe).toList();
        return Map.of("items", items);
    }

    private Map<String, Object> describe(String name) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        CircuitBreaker breaker = breakers.find(name).orElse(null);
        if (breaker != null) {
            CircuitBreaker.State state = breaker.getState();
            boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
            item.put("health", open ? "DOWN" : "UP");
            item.put("circuit", state.name());
            float failureRate = breaker.getMetrics().getFailureRate();
            item.put("failureRate", failureRate < 0 ? null : failureRate / 100.0);   // -1: too few calls yet
        } else {
            item.put("health", "UNKNOWN");
            item.put("circuit", null);
            item.put("failureRate", null);
        }
        Map<String, Long> calls = new LinkedHashMap<>();
        for (Counter counter : metrics.find("switchboard.integration.calls").tag("integration", name).counters()) {
            calls.merge(counter.getId().getTag("outcome"), (long) counter.count(), Long::sum);
        }
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        item.put("calls", calls);
        item.put("successRate", total == 0 ? null : calls.getOrDefault("success", 0L) / (double) total);
        Timer latency = metrics.find("switchboard.integration.call").tag("integration", name).timer();
        item.put("latencyMeanMillis", latency == null || latency.count() == 0 ? null
                : Math.round(latency.mean(TimeUnit.MILLISECONDS) * 10) / 10.0);
        item.put("latencyMaxMillis", latency == null || latency.count() == 0 ? null
                : Math.round(latency.max(TimeUnit.MILLISECONDS) * 10) / 10.0);
        return item;
    }
}

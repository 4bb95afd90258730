package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Active health of the integrations: every {@code switchboard.health.probes.every}, each integration in use (named
 * by a configured provider, with a base URL and a probe path) is looked at. When it had real calls since the last look, their outcome is its
 * state (any useful answer: up; only failures: down); when it was idle, one cheap documented call through the
 * connector's own request route (its credentials and throttle; not its breaker, nor retries, nor the call metrics)
 * decides. An integration whose breaker is open is not probed: it is down already. {@link IntegrationHealth} shows
 * the result; the health groups leave it out of liveness and readiness, so a vendor outage neither restarts nor
 * unroutes the hub.
 */
@Component
public class IntegrationProbes implements SmartLifecycle {

    /** The last look at an integration: {@code up}, {@code how} (probe or calls), when, and why it is down. */
    public record Status(boolean up, String how, Instant at, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(IntegrationProbes.class);
    private static final Set<String> OK = Set.of("success", "client_error", "rate_limited");

    private final ProbeProperties properties;
    private final CircuitBreakerRegistry breakers;
    private final ProducerTemplate producer;
    private final MeterRegistry metrics;
    private final Environment environment;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final Map<String, double[]> lastCounts = new ConcurrentHashMap<>();
    private ScheduledExecutorService schedule;
    private ExecutorService calls;

    public IntegrationProbes(ProbeProperties properties, CircuitBreakerRegistry breakers, ProducerTemplate producer,
                             MeterRegistry metrics, Environment environment) {
        this.properties = properties;
        this.breakers = breakers;
        this.producer = producer;
        this.metrics = metrics;
        this.environment = environment;
    }

    /**
     * The integration's state: real calls since the last look decide at once (any useful answer: up); otherwise the
     * last look. Empty when it is not probed or not looked at yet.
     */
    public Optional<Status> status(String integration) {
        double[] before = lastCounts.get(integration);
        if (before != null) {
            double[] now = callCounts(integration);
            if (now[0] > before[0]) {
                return Optional.of(new Status(true, "calls", clock.instant(), null));
            }
            if (now[1] > before[1]) {
                return Optional.of(new Status(false, "calls", clock.instant(), "every call since the last look failed"));
            }
        }
        return Optional.ofNullable(statuses.get(integration));
    }

    /** Looks at every probed integration once, probing the idle ones in parallel (the schedule calls this). */
    public void lookAtAll() {
        Map<String, Future<Exchange>> probes = new LinkedHashMap<>();
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            String integration = breaker.getName();
            String path = properties.paths().get(integration);
            String baseUrl = environment.getProperty("switchboard.vendors." + integration + ".base-url", "");
            if (path == null || path.isBlank() || baseUrl.isBlank() || !inUse().contains(integration)) {
                continue;
            }
            double[] counts = callCounts(integration);
            double[] before = lastCounts.put(integration, counts);
            if (before != null && counts[0] + counts[1] > before[0] + before[1]) {
                boolean answered = counts[0] > before[0];
                statuses.put(integration, new Status(answered, "calls", clock.instant(),
                        answered ? null : "every call since the last look failed"));
            } else if (breaker.getState() != CircuitBreaker.State.OPEN
                    && breaker.getState() != CircuitBreaker.State.FORCED_OPEN) {
                probes.put(integration, calls.submit(() -> producer.send("direct:" + integration + ".request",
                        exchange -> request(exchange, integration, path))));
            }
        }
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        probes.forEach((integration, call) -> statuses.put(integration, outcome(integration, call, deadline)));
    }

    /** The integrations the configured providers name: the hub calls no other vendor, so probes none either. */
    private Set<String> inUse() {
        String kb = environment.getProperty("switchboard.kb.provider", "zendesk-guide");
        return Stream.of(environment.getProperty("switchboard.orders.provider", "shopify"),
                environment.getProperty("switchboard.crm.provider", "hubspot"),
                environment.getProperty("switchboard.helpdesk.provider", "zendesk"),
                "zendesk-guide".equals(kb) ? "zendesk" : kb).collect(Collectors.toSet());
    }

    private static void request(Exchange exchange, String integration, String path) {
        exchange.setProperty(VendorRetries.PROBE, true);
        if ("salesforce".equals(integration)) {
            exchange.setProperty("salesforceOperation", path);
        } else {
            int query = path.indexOf('?');
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, query < 0 ? path : path.substring(0, query));
            if (query >= 0) {
                exchange.getMessage().setHeader(Exchange.HTTP_QUERY, path.substring(query + 1));
            }
        }
        exchange.getMessage().setBody("");
    }

    private Status outcome(String integration, Future<Exchange> call, long deadline) {
        Instant now = clock.instant();
        String error;
        try {
            Exchange answer = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            error = answer.getException() == null ? null : refusal(answer.getException());
        } catch (TimeoutException e) {
            call.cancel(true);
            error = "no answer within " + properties.timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.toString();
        }
        counter(integration, error == null ? "up" : "down").increment();
        if (error != null) {
            log.warn("Probe of {} failed: {}", integration, error);
        }
        return new Status(error == null, "probe", now, error);
    }

    /** Why a probe's failure means the vendor is not usable, or null when it still answered (such as a 404). */
    private static String refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 500 || status == 401 || status == 403 ? "HTTP " + status : null;
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** The integration's real calls so far: {answered, failed}. */
    private double[] callCounts(String integration) {
        double answered = 0;
        double failed = 0;
        for (Counter counter : metrics.find("switchboard.integration.calls").tag("integration", integration).counters()) {
            if (OK.contains(counter.getId().getTag("outcome"))) {
                answered += counter.count();
            } else {
                failed += counter.count();
            }
        }
        return new double[] {answered, failed};
    }

    private Counter counter(String integration, String result) {
        return Counter.builder("switchboard.integration.probes").tag("integration", integration).tag("result", result)
                .description("Health probes of idle integrations, by result").register(metrics);
    }

    @Override
    public void start() {
        calls = Executors.newCachedThreadPool(task -> daemon(task, "integration-probe-call"));
        schedule = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "integration-probes"));
        long every = properties.every().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                lookAtAll();
            } catch (RuntimeException e) {
                log.warn("Integration probes failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        schedule.shutdownNow();
        calls.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}

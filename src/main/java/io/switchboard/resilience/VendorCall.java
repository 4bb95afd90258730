package io.switchboard.resilience;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The retrying part of the outbound chain (timeout → breaker → throttle → retry → token refresh), shared by every
 * connector: {@code bean: {ref: vendorCall, method: "call(${exchange}, 'shopify', <the breaker's timeout>)"}}
 * inside the integration's circuit breaker sends the exchange to {@code direct:<integration>.request} (the
 * connector's own route: throttle, credentials, the HTTP call) and, on failure:
 * <ul>
 *   <li>401: once, renews the credential ({@link TokenRefresh} bean {@code <integration>TokenRefresh}) and calls again;</li>
 *   <li>429, 503 and Salesforce's REQUEST_LIMIT_EXCEEDED: waits the vendor's Retry-After (or HubSpot's rate-limit
 *       window; up to {@code max-delay}), then calls again;</li>
 *   <li>other 5xx and connection errors: waits an exponential backoff with jitter, then calls again (a vendor too
 *       slow to answer is not asked again: the timeout decides);</li>
 *   <li>anything else, attempts used up, or a wait that would not end within the call's time budget: fails with the
 *       last error, which the API maps to the contract's codes.</li>
 * </ul>
 * A vendor's answer is read alike whether camel-http ({@code HttpOperationFailedException}) or camel-salesforce's
 * own client ({@code SalesforceException}, which also renews its session on a 401 by itself) reported it.
 */
@Component("vendorCall")
public class VendorCall {

    private final ProducerTemplate producer;
    private final RetryProperties retry;
    private final UpstreamFailures failures;
    private final ApplicationContext beans;
    private final IntegrationMetrics metrics;

    public VendorCall(ProducerTemplate producer, RetryProperties retry, UpstreamFailures failures,
                      ApplicationContext beans, MeterRegistry metrics) {
        this.producer = producer;
        this.retry = retry;
        this.failures = failures;
        this.beans = beans;
        this.metrics = new IntegrationMetrics(metrics);
    }

    /**
     * Exchange property: false for a call that must not be repeated after a failure that may have taken effect
     * (a create without an idempotency key); such a call is still retried on 429 and after a token refresh.
     */
    public static final String RETRY_SAFE = "vendorCallRetrySafe";

    /** A call without a time budget: its waits are bounded by {@code max-delay} alone. */
    public void call(Exchange exchange, String integration) throws Exception {
        call(exchange, integration, Long.MAX_VALUE / 2);
    }

    /**
     * Calls the integration within {@code budgetMillis}, the timeout of the breaker around this call (routes pass the
     * same setting to both):
     * a wait before another attempt is only taken when it ends inside the budget, so that a vendor's Retry-After
     * longer than what is left answers {@code upstream_rate_limited} at once rather than a timeout later.
     */
    public void call(Exchange exchange, String integration, long budgetMillis) throws Exception {
        long began = System.nanoTime();
        String endpoint = "direct:" + integration + ".request";
        boolean retrySafe = !Boolean.FALSE.equals(exchange.getProperty(RETRY_SAFE, Boolean.class));
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            Exchange tryout = exchange.copy();
            long started = System.nanoTime();
            producer.send(endpoint, tryout);
            Throwable failure = tryout.getException();
            record(integration, failure, System.nanoTime() - started);
            if (failure == null) {
                exchange.getMessage().copyFrom(tryout.getMessage());
                return;
            }
            if (status(failure) == 401 && !refreshed && beans.containsBean(integration + "TokenRefresh")) {
                beans.getBean(integration + "TokenRefresh", TokenRefresh.class).refresh();
                metrics.tokenRefreshed(integration);
                refreshed = true;
                continue;
            }
            Duration wait = retrySafe || status(failure) == 429 ? delayBeforeRetry(failure, attempt) : null;
            if (wait == null || attempt >= retry.attempts() || !fits(began, wait, budgetMillis)
                    || Thread.currentThread().isInterrupted()) {
                throw failure instanceof Exception e ? e : new IllegalStateException(failure);
            }
            if (rateLimited(status(failure), failure)) {
                metrics.rateLimitWait(integration, wait);
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** True when waiting leaves the next attempt some of the budget (at least the first backoff) to answer in. */
    private boolean fits(long began, Duration wait, long budgetMillis) {
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        return elapsedMillis + wait.toMillis() + retry.backoff().toMillis() <= budgetMillis;
    }

    /**
     * Per integration and attempt ({@link IntegrationMetrics}); calls an open circuit refuses and calls the breaker's
     * timeout gives up on are counted by {@link BreakerMetrics}.
     */
    private void record(String integration, Throwable failure, long nanos) {
        metrics.called(integration, outcome(failure), nanos);
    }

    /** success, auth_failure, rate_limited, client_error, upstream_error (5xx, connection failed) or timeout. */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        int status = status(failure);
        if (status == 401 || status == 403 && !rateLimited(failure)) {
            return "auth_failure";
        }
        if (status == 429 || status == 403) {
            return "rate_limited";
        }
        if (status >= 500) {
            return "upstream_error";
        }
        if (status >= 400) {
            return "client_error";
        }
        return timedOut(failure) ? "timeout" : "upstream_error";
    }

    /** How long to wait before calling again, or null when this failure is not worth another call. */
    Duration delayBeforeRetry(Throwable failure, int attempt) {
        int status = status(failure);
        if (status == 429 || status == 503 || (status == 403 && rateLimited(failure))) {
            Duration retryAfter = failures.retryAfter(headers(failure));
            return retryAfter.compareTo(retry.maxDelay()) <= 0 ? retryAfter : null;
        }
        if (status >= 500 || (status < 0 && io(failure))) {
            long base = retry.backoff().toMillis() << Math.min(attempt - 1, 16);
            double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
            return Duration.ofMillis(Math.min(retry.maxDelay().toMillis(), (long) (base * jitter)));
        }
        return null;
    }

    /**
     * The vendor's HTTP status in a failure, as camel-http or camel-salesforce (its own client) reports it, or -1
     * when the vendor never answered.
     */
    private static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return http.getStatusCode();
            }
            if (t instanceof SalesforceException salesforce && salesforce.getStatusCode() > 0) {
                return salesforce.getStatusCode();
            }
        }
        return -1;
    }

    private static boolean rateLimited(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return UpstreamFailures.rateLimited(http);
            }
            if (t instanceof SalesforceException salesforce && salesforce.getStatusCode() > 0) {
                return UpstreamFailures.rateLimited(salesforce);
            }
        }
        return false;
    }

    /** The vendor's response headers, where the failure kept them (camel-salesforce's exception keeps none). */
    private static Map<String, String> headers(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return http.getResponseHeaders();
            }
        }
        return Map.of();
    }

    private static boolean rateLimited(int status, Throwable failure) {
        return status == 429 || status == 503 || status == 403 && rateLimited(failure);
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean io(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}

package io.switchboard.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.stereotype.Component;

/**
 * The retry decisions of the outbound template ({@code routes/connectors/vendor-call.camel.yaml}), where Camel's
 * redelivery repeats a failed attempt: its {@code retryWhile} asks {@link #retry}, which counts the attempt and
 * says whether, and after how long, to try again:
 * <ul>
 *   <li>401: once, renews the credential ({@link CredentialRenewal}) and tries again at once;</li>
 *   <li>429, 503 and a vendor's own "too many requests": after the vendor's Retry-After (or HubSpot's rate-limit
 *       window), up to {@code max-delay};</li>
 *   <li>other 5xx and connection errors: after an exponential backoff with jitter (Camel's {@link RedeliveryPolicy}:
 *       {@code backoff}, doubled each time, ±20 %, up to {@code max-delay}); a vendor too slow to answer is not
 *       asked again: the breaker's timeout decides;</li>
 *   <li>anything else, {@code attempts} used up, or a wait that would not end within the call's time budget (so that
 *       a Retry-After longer than what is left answers {@code upstream_rate_limited} at once): no more.</li>
 * </ul>
 * A call that must not be repeated after a failure that may have taken effect (a create without an idempotency key)
 * sets {@link #RETRY_SAFE} to false; it is still retried on 429 and after a renewal. Every attempt is counted by
 * {@link IntegrationMetrics}, except a health probe's.
 */
@Component("vendorRetries")
public class VendorRetries {

    /** Exchange property: false for a call that must not be repeated after a failure that may have taken effect. */
    public static final String RETRY_SAFE = "vendorCallRetrySafe";
    /** Exchange property: the call's time budget in milliseconds (the timeout of the breaker around it). */
    public static final String BUDGET = "vendorCallBudgetMillis";
    /** Exchange property: a health probe's call, neither retried nor counted. */
    public static final String PROBE = "switchboardProbe";
    private static final String VENDOR = "switchboardVendor";
    private static final String CALL_STARTED = "vendorCallStarted";
    private static final String ATTEMPT_STARTED = "vendorAttemptStarted";
    private static final String RENEWED = "vendorCallRenewed";

    private final RetryProperties retry;
    private final UpstreamFailures failures;
    private final CredentialRenewal renewal;
    private final IntegrationMetrics metrics;
    private final RedeliveryPolicy backoff;

    public VendorRetries(RetryProperties retry, UpstreamFailures failures, CredentialRenewal renewal,
                         MeterRegistry metrics) {
        this.retry = retry;
        this.failures = failures;
        this.renewal = renewal;
        this.metrics = new IntegrationMetrics(metrics);
        this.backoff = new RedeliveryPolicy();
        backoff.setRedeliveryDelay(retry.backoff().toMillis());
        backoff.setUseExponentialBackOff(true);
        backoff.setBackOffMultiplier(2);
        backoff.setUseCollisionAvoidance(true);
        backoff.setCollisionAvoidanceFactor(0.2);
        backoff.setMaximumRedeliveryDelay(retry.maxDelay().toMillis());
    }

    /** Marks the start of one attempt (the call's start too, on its first). */
    public static void attemptStarts(Exchange exchange) {
        long now = System.nanoTime();
        if (exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER) == null) {
            exchange.setProperty(CALL_STARTED, now);
            exchange.removeProperty(RENEWED);
        }
        exchange.setProperty(ATTEMPT_STARTED, now);
    }

    /** The attempt was answered: counted as a success. */
    public void answered(Exchange exchange) {
        record(exchange, null);
    }

    /**
     * The attempt failed: counts it, and answers whether to try again; when so, the wait is the message header
     * {@code CamelRedeliveryDelay}, which Camel's redelivery honours.
     */
    public boolean retry(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        record(exchange, failure);
        String vendor = exchange.getProperty(VENDOR, String.class);
        if (failure == null || Boolean.TRUE.equals(exchange.getProperty(PROBE, Boolean.class))
                || Thread.currentThread().isInterrupted()) {
            return false;
        }
        int status = failures.status(failure);
        if (status == 401 && exchange.getProperty(RENEWED) == null && renewal.renew(vendor)) {
            metrics.tokenRefreshed(vendor);
            exchange.setProperty(RENEWED, true);
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            return true;
        }
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        boolean retrySafe = !Boolean.FALSE.equals(exchange.getProperty(RETRY_SAFE, Boolean.class));
        Duration wait = retrySafe || status == 429 ? delayBeforeRetry(failure, attempt) : null;
        if (wait == null || attempt >= retry.attempts() || !fits(exchange, wait)) {
            return false;
        }
        if (rateLimited(status, failure)) {
            metrics.rateLimitWait(vendor, wait);
        }
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
        return true;
    }

    /** How long to wait before attempt {@code attempt + 1}, or null when this failure is not worth another call. */
    public Duration delayBeforeRetry(Throwable failure, int attempt) {
        int status = failures.status(failure);
        if (rateLimited(status, failure)) {
            Duration retryAfter = failures.retryAfter(failures.headers(failure));
            return retryAfter.compareTo(retry.maxDelay()) <= 0 ? retryAfter : null;
        }
        if (status >= 500 || (status < 0 && io(failure))) {
            long previous = attempt <= 1 ? 0 : retry.backoff().toMillis() << Math.min(attempt - 2, 16);
            return Duration.ofMillis(backoff.calculateRedeliveryDelay(previous, attempt));
        }
        return null;
    }

    /** success, auth_failure, rate_limited, client_error, upstream_error (5xx, connection failed) or timeout. */
    public String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        int status = failures.status(failure);
        boolean rateLimited = failures.rateLimited(failure);
        if (status == 401 || status == 403 && !rateLimited) {
            return "auth_failure";
        }
        if (status == 429 || rateLimited) {
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

    private void record(Exchange exchange, Throwable failure) {
        if (Boolean.TRUE.equals(exchange.getProperty(PROBE, Boolean.class))) {
            return;
        }
        Long started = exchange.getProperty(ATTEMPT_STARTED, Long.class);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        metrics.called(exchange.getProperty(VENDOR, String.class), outcome(failure), nanos);
    }

    /** True when waiting leaves the next attempt some of the budget (at least the first backoff) to answer in. */
    private boolean fits(Exchange exchange, Duration wait) {
        Long began = exchange.getProperty(CALL_STARTED, Long.class);
        long budgetMillis = exchange.getProperty(BUDGET, Long.MAX_VALUE / 2, Long.class);
        long elapsedMillis = began == null ? 0 : (System.nanoTime() - began) / 1_000_000;
        return elapsedMillis + wait.toMillis() + retry.backoff().toMillis() <= budgetMillis;
    }

    private boolean rateLimited(int status, Throwable failure) {
        return status == 429 || status == 503 || failures.rateLimited(failure);
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
            if (t instanceof SocketTimeoutException || t instanceof VendorAnswerTooLarge) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}

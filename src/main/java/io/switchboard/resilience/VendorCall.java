package io.switchboard.resilience;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The retrying part of the outbound chain (timeout → breaker → throttle → retry → token refresh), shared by every
 * connector: {@code bean: {ref: vendorCall, method: "call(${exchange}, 'shopify')"}} inside the integration's
 * circuit breaker sends the exchange to {@code direct:<integration>.request} (the connector's own route: throttle,
 * credentials, the HTTP call) and, on failure:
 * <ul>
 *   <li>401: once, renews the credential ({@link TokenRefresh} bean {@code <integration>TokenRefresh}) and calls again;</li>
 *   <li>429 and 503: waits the vendor's Retry-After (up to {@code max-delay}), then calls again;</li>
 *   <li>other 5xx and connection errors: waits an exponential backoff with jitter, then calls again (a vendor too
 *       slow to answer is not asked again: the timeout decides);</li>
 *   <li>anything else, or attempts used up: fails with the last error, which the API maps to the contract's codes.</li>
 * </ul>
 */
@Component("vendorCall")
public class VendorCall {

    private final ProducerTemplate producer;
    private final RetryProperties retry;
    private final UpstreamFailures failures;
    private final ApplicationContext beans;

    public VendorCall(ProducerTemplate producer, RetryProperties retry, UpstreamFailures failures,
                      ApplicationContext beans) {
        this.producer = producer;
        this.retry = retry;
        this.failures = failures;
        this.beans = beans;
    }

    /**
     * Exchange property: false for a call that must not be repeated after a failure that may have taken effect
     * (a create without an idempotency key); such a call is still retried on 429 and after a token refresh.
     */
    public static final String RETRY_SAFE = "vendorCallRetrySafe";

    public void call(Exchange exchange, String integration) throws Exception {
        String endpoint = "direct:" + integration + ".request";
        boolean retrySafe = !Boolean.FALSE.equals(exchange.getProperty(RETRY_SAFE, Boolean.class));
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            Exchange tryout = exchange.copy();
            producer.send(endpoint, tryout);
            Throwable failure = tryout.getException();
            if (failure == null) {
                exchange.getMessage().copyFrom(tryout.getMessage());
                return;
            }
            if (status(failure) == 401 && !refreshed && beans.containsBean(integration + "TokenRefresh")) {
                beans.getBean(integration + "TokenRefresh", TokenRefresh.class).refresh();
                refreshed = true;
                continue;
            }
            Duration wait = retrySafe || status(failure) == 429 ? delayBeforeRetry(failure, attempt) : null;
            if (wait == null || attempt >= retry.attempts() || Thread.currentThread().isInterrupted()) {
                throw failure instanceof Exception e ? e : new IllegalStateException(failure);
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** How long to wait before calling again, or null when this failure is not worth another call. */
    Duration delayBeforeRetry(Throwable failure, int attempt) {
        int status = status(failure);
        if (status == 429 || status == 503) {
            Duration retryAfter = failures.retryAfter(((HttpOperationFailedException) rootHttp(failure)).getResponseHeaders());
            return retryAfter.compareTo(retry.maxDelay()) <= 0 ? retryAfter : null;
        }
        if (status >= 500 || (status < 0 && io(failure))) {
            long base = retry.backoff().toMillis() << Math.min(attempt - 1, 16);
            double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
            return Duration.ofMillis(Math.min(retry.maxDelay().toMillis(), (long) (base * jitter)));
        }
        return null;
    }

    private static int status(Throwable failure) {
        Throwable http = rootHttp(failure);
        return http == null ? -1 : ((HttpOperationFailedException) http).getStatusCode();
    }

    private static Throwable rootHttp(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException) {
                return t;
            }
        }
        return null;
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

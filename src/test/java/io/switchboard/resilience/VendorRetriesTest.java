package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.connectors.salesforce.SalesforceErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry and token-refresh part of the outbound chain: the outbound template's request route, as
 * {@code routes/connectors/vendor-call.camel.yaml} has it, redelivered by Camel as {@link VendorRetries} decides,
 * against a stand-in vendor endpoint.
 */
class VendorRetriesTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RetryProperties retry = new RetryProperties(3, Duration.ofMillis(10), Duration.ofSeconds(2));
    private final BreakerProperties breaker = new BreakerProperties(50, 5, 20, Duration.ofSeconds(30), 2, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aRejectedCredentialIsRenewedOnceThenTheCallSucceeds() throws Exception {
        call(attempt -> attempt == 1 ? failure(401, Map.of()) : null, true);

        assertThat(send()).isEqualTo("answer 2 with token 2");
        assertThat(refreshes).hasValue(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("integration", "fake").tag("outcome", "auth_failure")
                .counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.auth.failures").counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.call").timer().count()).isEqualTo(2);
    }

    @Test
    void aCredentialRejectedTwiceIsNotRenewedAgain() throws Exception {
        call(attempt -> failure(401, Map.of()), true);

        assertThatThrownBy(this::send).hasRootCauseInstanceOf(HttpOperationFailedException.class);
        assertThat(refreshes).hasValue(1);
        assertThat(calls).hasValue(2);
    }

    @Test
    void withoutARenewableCredentialA401IsFinal() throws Exception {
        call(attempt -> failure(401, Map.of()), false);

        assertThatThrownBy(this::send).hasRootCauseInstanceOf(HttpOperationFailedException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void serverErrorsAreRetriedUpToTheAttemptsAndA429AfterItsRetryAfter() throws Exception {
        call(attempt -> attempt == 1 ? failure(429, Map.of("Retry-After", "1")) : failure(502, Map.of()), false);

        long started = System.nanoTime();
        assertThatThrownBy(this::send).hasRootCauseInstanceOf(HttpOperationFailedException.class);
        assertThat(calls).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "rate_limited").counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "upstream_error").counter().count()).isEqualTo(2);
    }

    @Test
    void aCallThatMustNotBeRepeatedIsNotRetriedAfterAServerError() throws Exception {
        call(attempt -> failure(502, Map.of()), false);

        Exchange sent = camel.createProducerTemplate().send("direct:fake.request", exchange ->
                exchange.setProperty(VendorRetries.RETRY_SAFE, false));

        assertThat(sent.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void clientErrorsAreNotRetriedAndRetryAfterBeyondTheMaximumIsNotWaited() throws Exception {
        VendorRetries retries = call(attempt -> failure(400, Map.of()), false);
        assertThatThrownBy(this::send);
        assertThat(calls).hasValue(1);

        assertThat(retries.delayBeforeRetry(failure(429, Map.of("Retry-After", "1")), 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.delayBeforeRetry(failure(429, Map.of("Retry-After", "30")), 1)).isNull();
        // a 503 without Retry-After gets the hub's default (5 s), beyond the 2 s the call may wait
        assertThat(retries.delayBeforeRetry(failure(503, Map.of()), 1)).isNull();
        assertThat(retries.delayBeforeRetry(failure(502, Map.of()), 3)).isBetween(Duration.ofMillis(32), Duration.ofMillis(48));
    }

    @Test
    void camelSalesforcesFailuresAreRetriedByTheSameRules() throws Exception {
        VendorRetries retries = call(attempt -> attempt == 1
                ? new SalesforceException(List.of(new RestError("UNKNOWN_EXCEPTION", "oops")), 500) : null, false);

        assertThat(send()).isEqualTo("answer 2 with token 1");
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "upstream_error").counter().count()).isEqualTo(1);
        // a used-up daily allowance carries no Retry-After: not waited for, counted as rate limited, not as auth
        SalesforceException limit = new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403);
        assertThat(retries.delayBeforeRetry(limit, 1)).isNull();
        assertThat(retries.delayBeforeRetry(new SalesforceException("Unexpected error {0:null}", 0,
                new java.net.ConnectException("refused")), 1)).isNotNull();
    }

    @Test
    void salesforcesRequestLimitIsCountedAsRateLimited() throws Exception {
        call(attempt -> new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403), false);

        assertThatThrownBy(this::send).hasRootCauseInstanceOf(SalesforceException.class);
        assertThat(calls).hasValue(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "rate_limited").counter().count()).isEqualTo(1);
    }

    interface Answer {
        Exception on(int attempt);
    }

    /** A stand-in budget: the template asks it after each answer. */
    public static class NoBudget {
        public void observe(Exchange exchange, String vendor) {
            // nothing to lower
        }
    }

    private String send() {
        try {
            return camel.createProducerTemplate().requestBody("direct:fake.request", "", String.class);
        } catch (CamelExecutionException e) {
            throw e;
        }
    }

    /** The template's request route for a vendor "fake" whose endpoint answers as {@code answer} says. */
    private VendorRetries call(Answer answer, boolean renewable) throws Exception {
        AtomicInteger tokens = new AtomicInteger(1);
        CredentialRenewal renewal = vendor -> {
            if (renewable) {
                refreshes.incrementAndGet();
                tokens.incrementAndGet();
            }
            return renewable;
        };
        VendorRetries retries = new VendorRetries(retry, new UpstreamFailures(breaker,
                List.of(new HttpErrors(), new SalesforceErrors())), renewal, metrics);
        camel.getRegistry().bind("vendorRetries", retries);
        camel.getRegistry().bind("vendorBudgets", new NoBudget());
        camel.getRegistry().bind("vendorAttempt", (org.apache.camel.Processor) exchange -> {
            VendorRetries.attemptStarts(exchange);
            exchange.getMessage().setHeader("Authorization", "token " + tokens.get());
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("vendor-call.camel.yaml",
                Files.readString(Path.of("routes/connectors/vendor-call.camel.yaml"))));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as the hub's routes without a configuration of their own (PropagateErrorsToCaller)
                from("direct:fake.send").errorHandler(noErrorHandler()).process(exchange -> {
                    int attempt = calls.incrementAndGet();
                    Exception failure = answer.on(attempt);
                    if (failure != null) {
                        throw failure;
                    }
                    exchange.getMessage().setBody("answer " + attempt + " with "
                            + exchange.getMessage().getHeader("Authorization"));
                });
            }
        });
        TemplatedRouteBuilder.builder(camel, "vendor-request").routeId("fake-request")
                .parameter("vendor", "fake").parameter("endpoint", "direct:fake.send").add();
        camel.start();
        return retries;
    }

    private static HttpOperationFailedException failure(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://vendor/x", status, "status " + status, null, headers, "");
    }
}

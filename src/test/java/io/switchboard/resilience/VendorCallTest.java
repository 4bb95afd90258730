package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;

/** The retry and token-refresh part of the outbound chain, against a stand-in request route. */
class VendorCallTest {

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
        VendorCall call = vendorCall(attempt -> attempt == 1 ? failure(401, Map.of()) : null, true);
        Exchange exchange = new DefaultExchange(camel);

        call.call(exchange, "fake");

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("answer 2");
        assertThat(refreshes).hasValue(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("integration", "fake").tag("outcome", "auth_failure")
                .counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.auth.failures").counter().count()).isEqualTo(1);
        assertThat(metrics.get("switchboard.integration.call").timer().count()).isEqualTo(2);
    }

    @Test
    void aCredentialRejectedTwiceIsNotRenewedAgain() throws Exception {
        VendorCall call = vendorCall(attempt -> failure(401, Map.of()), true);

        assertThatThrownBy(() -> call.call(new DefaultExchange(camel), "fake"))
                .isInstanceOf(HttpOperationFailedException.class);
        assertThat(refreshes).hasValue(1);
        assertThat(calls).hasValue(2);
    }

    @Test
    void withoutARenewableCredentialA401IsFinal() throws Exception {
        VendorCall call = vendorCall(attempt -> failure(401, Map.of()), false);

        assertThatThrownBy(() -> call.call(new DefaultExchange(camel), "fake"))
                .isInstanceOf(HttpOperationFailedException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void clientErrorsAreNotRetriedAndRetryAfterBeyondTheMaximumIsNotWaited() throws Exception {
        VendorCall badRequest = vendorCall(attempt -> failure(400, Map.of()), false);
        assertThatThrownBy(() -> badRequest.call(new DefaultExchange(camel), "fake"));
        assertThat(calls).hasValue(1);

        assertThat(badRequest.delayBeforeRetry(failure(429, Map.of("Retry-After", "1")), 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(badRequest.delayBeforeRetry(failure(429, Map.of("Retry-After", "30")), 1)).isNull();
        // a 503 without Retry-After gets the hub's default (5 s), beyond the 2 s the call may wait
        assertThat(badRequest.delayBeforeRetry(failure(503, Map.of()), 1)).isNull();
        assertThat(badRequest.delayBeforeRetry(failure(502, Map.of()), 3)).isBetween(Duration.ofMillis(32), Duration.ofMillis(48));
    }

    @Test
    void camelSalesforcesFailuresAreRetriedByTheSameRules() throws Exception {
        VendorCall call = vendorCall(attempt -> attempt == 1
                ? new SalesforceException(List.of(new RestError("UNKNOWN_EXCEPTION", "oops")), 500) : null, false);
        Exchange exchange = new DefaultExchange(camel);

        call.call(exchange, "fake");

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("answer 2");
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "upstream_error").counter().count()).isEqualTo(1);
        // a used-up daily allowance carries no Retry-After: not waited for, counted as rate limited, not as auth
        SalesforceException limit = new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403);
        assertThat(call.delayBeforeRetry(limit, 1)).isNull();
        assertThat(call.delayBeforeRetry(new SalesforceException("Unexpected error {0:null}", 0,
                new java.net.ConnectException("refused")), 1)).isNotNull();
    }

    @Test
    void salesforcesRequestLimitIsCountedAsRateLimited() throws Exception {
        VendorCall call = vendorCall(attempt -> new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403), false);

        assertThatThrownBy(() -> call.call(new DefaultExchange(camel), "fake")).isInstanceOf(SalesforceException.class);
        assertThat(calls).hasValue(1);
        assertThat(metrics.get("switchboard.integration.calls").tag("outcome", "rate_limited").counter().count()).isEqualTo(1);
    }

    interface Answer {
        Exception on(int attempt);
    }

    private VendorCall vendorCall(Answer answer, boolean renewable) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fake.request").process(exchange -> {
                    int attempt = calls.incrementAndGet();
                    Exception failure = answer.on(attempt);
                    if (failure != null) {
                        throw failure;
                    }
                    exchange.getMessage().setBody("answer " + attempt);
                });
            }
        });
        camel.start();
        StaticApplicationContext beans = new StaticApplicationContext();
        if (renewable) {
            beans.getBeanFactory().registerSingleton("fakeTokenRefresh", (TokenRefresh) refreshes::incrementAndGet);
        }
        beans.refresh();
        return new VendorCall(camel.createProducerTemplate(), retry, new UpstreamFailures(breaker), beans, metrics);
    }

    private static HttpOperationFailedException failure(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://vendor/x", status, "status " + status, null, headers, "");
    }
}

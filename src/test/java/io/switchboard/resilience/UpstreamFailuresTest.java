package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import io.switchboard.connectors.salesforce.SalesforceErrors;
import org.junit.jupiter.api.Test;

/** Each vendor's way of saying "not now", read into the contract's typed errors. */
class UpstreamFailuresTest {

    private final UpstreamFailures failures = new UpstreamFailures(
            new BreakerProperties(50, 5, 20, Duration.ofSeconds(30), 2, Duration.ofSeconds(5)),
            List.of(new HttpErrors(), new SalesforceErrors()));

    @Test
    void zendesks429WithATextBodyAndRetryAfterSeconds() {
        ApiException error = classify(new HttpOperationFailedException("https://x.zendesk.com/api/v2/tickets.json", 429,
                "Too Many Requests", null, Map.of("retry-after", "1", "Content-Type", "text/plain"),
                "Number of allowed API requests per minute exceeded"));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void salesforces403RequestLimitExceeded() {
        // Salesforce REST API errorcodes.htm: 403 with REQUEST_LIMIT_EXCEEDED, and the Sforce-Limit-Info header
        String body = "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
        ApiException error = classify(new HttpOperationFailedException("https://x.my.salesforce.com/services/data", 403,
                "Forbidden", null, Map.of("Sforce-Limit-Info", "api-usage=15000/15000"), body));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
    }

    @Test
    void camelSalesforcesRequestLimitExceededToo() {
        // camel-salesforce's own client reports the same answer as a SalesforceException with the errors read
        SalesforceException limit = new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403);

        assertThat(classify(limit).code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(classify(limit).retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(classify(new SalesforceException(List.of(new RestError("INSUFFICIENT_ACCESS_OR_READONLY", "no")), 403))
                .code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void camelSalesforcesOtherFailuresByStatusOrCause() {
        assertThat(classify(new SalesforceException(List.of(new RestError("UNKNOWN_EXCEPTION", "oops")), 500)).code())
                .isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        // no answer: the cause decides
        assertThat(classify(new SalesforceException("Unexpected error {0:null}", 0, new ConnectException("refused")))
                .code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(classify(new SalesforceException("Login request timeout", new TimeoutException())).code())
                .isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(failures.classify(new SalesforceException("Unsupported request message body", null), "crm")).isEmpty();
    }

    @Test
    void hubspots429WithoutRetryAfterWaitsItsRateLimitWindow() {
        ApiException error = classify(new HttpOperationFailedException("https://api.hubapi.com/crm/v3/objects/contacts/1",
                429, "Too Many Requests", null, Map.of("X-HubSpot-RateLimit-Remaining", "0",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000", "X-HubSpot-RateLimit-Max", "100"), "{}"));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anHttpDateRetryAfterIsRead() {
        Duration wait = failures.retryAfter(Map.of("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(120))));

        assertThat(wait).isBetween(Duration.ofSeconds(118), Duration.ofSeconds(121));
    }

    @Test
    void outagesTimeoutsAndOtherForbiddenAnswers() {
        assertThat(classify(new ConnectException("Connection refused")).code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(classify(new SocketTimeoutException("Read timed out")).code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(classify(new TimeoutException()).code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(classify(new HttpOperationFailedException("u", 403, "Forbidden", null, Map.of(),
                "[{\"errorCode\":\"INSUFFICIENT_ACCESS\"}]")).code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(failures.classify(new IllegalStateException("a bug of ours"), "crm")).isEmpty();
    }

    private ApiException classify(Throwable failure) {
        return failures.classify(failure, "crm").orElseThrow();
    }
}

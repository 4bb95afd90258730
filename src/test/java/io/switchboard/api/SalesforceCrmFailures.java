package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.connectors.salesforce.SalesforceApiUsage;
import io.switchboard.support.Sandboxes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Salesforce failing as the CRM: an expired session renewed once, a used-up daily allowance rate limited, repeated
 * server errors opening the breaker, malformed JSON and slowness as the upstream's failures, and neither the client
 * secret nor the session in logs, answers or metrics. Run by {@link SalesforceCrmTest} on its hub.
 */
abstract class SalesforceCrmFailures extends SalesforceCrmCase {

    @Test
    void anExpiredSessionIsRenewedOnceAndTheCallServed() throws Exception {
        assertThat(getCustomer(CONTACT).statusCode()).isEqualTo(200);
        hub.getBean("customerCache", Cache.class).invalidateAll();
        String expired = component().getSession().getAccessToken();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + expired))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        sandbox().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBody(
                        "{\"access_token\":\"00DDp000000SbxQ!AQ4AQRenewedSession\",\"instance_url\":\""
                                + Sandboxes.baseUrl("salesforce") + "\",\"id\":\"" + Sandboxes.baseUrl("salesforce")
                                + "/id/00DDp000000SbxQMAS/005Dp000001SbxIAAS\",\"token_type\":\"Bearer\","
                                + "\"issued_at\":\"1795500000001\",\"signature\":\"c2ln\"}")));
        sandbox().resetRequests();

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        sandbox().verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        List<LoggedRequest> reads = sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        assertThat(reads).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + expired, "Bearer 00DDp000000SbxQ!AQ4AQRenewedSession");
    }

    @Test
    void aUsedUpDailyAllowanceIsRateLimited() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withHeader("Sforce-Limit-Info", "api-usage=15000/15000")
                        .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_rate_limited");
        assertThat(problem.path("source").asText()).isEqualTo("crm");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        sandbox().verify(1, getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        SalesforceApiUsage usage = hub.getBean(SalesforceApiUsage.class);
        assertThat(usage.used()).isEqualTo(15000);
        assertThat(usage.limit()).isEqualTo(15000);
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerThenItAnswersAtOnce() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = getCustomer(CONTACT);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(json.readTree(failed.body()).path("code").asText()).isEqualTo("upstream_unavailable");
        }
        int asked = sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH))).size();
        HttpResponse<String> open = getCustomer(CONTACT);

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(open.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH)))).hasSize(asked);
    }

    @Test
    void malformedJsonIsAnUpstreamFailureNotOurs() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBody("{\"Id\": ")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_unavailable");
    }

    @Test
    void aSlowSalesforceIsATimeout() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withFixedDelay(4000).withHeader("Content-Type", "application/json")
                        .withBodyFile("sobjects/contact-003Dp000001BobNAAS.json")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherTheClientSecretNorTheSessionAppearsInLogsAnswersOrMetrics(CapturedOutput logs) throws Exception {
        List<String> answers = new ArrayList<>();
        String session = component().getSession().getAccessToken();
        answers.add(getCustomer(CONTACT).body());
        hub.getBean("customerCache", Cache.class).invalidateAll();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + session))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        answers.add(getCustomer(CONTACT).body());
        hub.getBean("customerCache", Cache.class).invalidateAll();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(0)
                .willReturn(aResponse().withStatus(500).withBody("[{\"message\":\"boom\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));
        answers.add(getCustomer(CONTACT).body());
        answers.add(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());

        assertThat(logs.getAll()).contains("crm answered upstream_unavailable");
        for (String secret : List.of("sandbox-not-a-secret", session)) {
            assertThat(logs.getAll()).as("logs").doesNotContain(secret);
            assertThat(answers).as("answers and metrics").noneMatch(answer -> answer.contains(secret));
        }
    }
}

package io.switchboard.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drives the hub through success and failure paths with known secrets, then looks for them everywhere an operator
 * or a caller could read: the logs, every response (headers and bodies), the metrics and the audit log.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsDoNotLeakTest {

    /** The secrets this test context runs with (application-test.yaml, application-local.yaml, the sandboxes' local.yaml). */
    private static final List<String> SECRETS = List.of(
            Tokens.SECRET,                                   // JWT signing secret
            "test-admin-key-0123456789abcdef",               // bootstrap admin API key
            "shpat_sandbox_not_a_secret",                    // Shopify access token
            Webhooks.SHOPIFY_SECRET,                         // webhook secrets
            Webhooks.GITHUB_SECRET,
            Webhooks.STANDARD_SECRET,
            "c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh",
            "dGVzdC1vbmx5LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWI=");  // conversation field encryption key

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> answers = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreaker shopifyBreaker;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Test
    void noSecretAppearsInLogsResponsesMetricsOrTheAuditLog(CapturedOutput logs) throws Exception {
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        shopifyBreaker.reset();
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        // success and refusal on the chat API
        keep(call("/api/v1/orders/1002", "Authorization", "Bearer " + token));
        keep(call("/api/v1/orders/1003", "Authorization", "Bearer " + token));
        keep(call("/api/v1/orders/1001", "Authorization", "Bearer " + token.substring(0, token.length() - 2) + "xx"));
        keep(call("/api/v1/orders/1001", "Authorization", Tokens.SECRET));
        // the vendor failing in every way we know
        ShopifySandbox.server().stubFor(get(urlPathEqualTo("/admin/api/2025-07/orders.json")).atPriority(0)
                .willReturn(aResponse().withStatus(500).withBody("{\"errors\":\"internal\"}")));
        orderCache.invalidateAll();
        keep(call("/api/v1/orders/1001", "Authorization", "Bearer " + token));
        ShopifySandbox.stop();
        keep(call("/api/v1/orders/1001", "Authorization", "Bearer " + token));
        ShopifySandbox.reset();
        // webhooks accepted and refused, admin API with right and wrong keys
        keep(Webhooks.postStandard(port, "acme", "msg_" + UUID.randomUUID(), "{\"type\":\"x\"}"));
        keep(Webhooks.postGitHub(port, "github", "wrong-secret", "d-" + UUID.randomUUID(), "{}"));
        keep(Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, "d-" + UUID.randomUUID(), "{}"));
        keep(call("/admin/dead-letters", "X-Api-Key", "test-admin-key-0123456789abcdef"));
        keep(call("/admin/api-keys", "X-Api-Key", "test-admin-key-0123456789abcdef"));
        keep(call("/admin/api-keys", "X-Api-Key", Tokens.SECRET));
        keep(call("/actuator/prometheus"));
        keep(call("/actuator/health"));
        // the refused admin call is in the audit log, and so is everything written before it
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE actor = 'apikey:unknown'", Integer.class) > 0);
        String audit = String.join("\n", jdbc.queryForList(
                "SELECT concat_ws(' ', actor, action, outcome, request_id, detail) FROM audit_log", String.class));

        // the capture works: the failure paths above did log
        assertThat(logs.getAll()).contains("orders answered upstream_unavailable");
        for (String secret : SECRETS) {
            assertThat(logs.getAll()).as("logs").doesNotContain(secret);
            assertThat(answers).as("responses").noneMatch(answer -> answer.contains(secret));
            assertThat(audit).as("audit log").doesNotContain(secret);
        }
        assertThat(answers).noneMatch(answer -> answer.contains(token));
    }

    private void keep(HttpResponse<String> response) {
        answers.add(response.statusCode() + " " + response.headers().map() + "\n" + response.body());
    }

    private HttpResponse<String> call(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

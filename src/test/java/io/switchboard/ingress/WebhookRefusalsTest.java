package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.support.HubTest;
import io.switchboard.support.Webhooks;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the webhook door and its admin API refuse: an unknown source, no or a wrong signature, a body over the limit,
 * an admin call without the admin key.
 */
@HubTest
class WebhookRefusalsTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry metrics;

    @Test
    void anUnknownSourceIsNotFound() throws Exception {
        HttpResponse<String> response = Webhooks.post(port, "nobody", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("unknown_source");
    }

    @Test
    void anUnsignedDeliveryIsRefusedCountedAuditedAndNotQueued() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        double before = rejected("acme", "missing_header");

        HttpResponse<String> response = Webhooks.post(port, "acme", "{\"type\":\"x\"}", "webhook-id", id);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("invalid_signature");
        assertThat(rejected("acme", "missing_header")).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_log "
                + "WHERE actor = 'webhook:acme' AND outcome = 'rejected' AND detail = 'missing_header' AND request_id = ?",
                Integer.class, response.headers().firstValue("X-Request-Id").orElseThrow()) == 1);
        assertThat(receipts("acme", id)).isZero();
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        String body = "{\"action\":\"opened\"}";
        String signature = Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, "d-" + UUID.randomUUID(), body)
                .request().headers().firstValue("X-Hub-Signature-256").orElseThrow();

        HttpResponse<String> response = Webhooks.post(port, "github", "{\"action\":\"closed\"}",
                "X-Hub-Signature-256", signature, "X-GitHub-Delivery", "d-" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String big = "{\"padding\":\"" + "x".repeat(2048) + "\"}";
        HttpResponse<String> withLength = Webhooks.postGitHub(port, "tiny", "tiny-secret", "d-1", big);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/tiny"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(json.readTree(withLength.body()).path("code").asText()).isEqualTo("payload_too_large");
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void theAdminApiNeedsTheAdminKey() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/dead-letters")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/dead-letters")).header("X-Api-Key", "guess").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownReplay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/dead-letters/ID:nothing-here/replay")).header("X-Api-Key", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("guess");
        assertThat(unknownReplay.statusCode()).isEqualTo(404);
    }

    private int receipts(String source, String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_receipts WHERE source = ? AND event_id = ?",
                Integer.class, source, eventId);
    }
    private double rejected(String source, String reason) {
        var counter = metrics.find("switchboard.webhooks.rejected").tag("source", source).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}

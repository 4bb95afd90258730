package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every authentication attempt on the chat API is in the audit log, queryable by an admin key. */
@HubTest
class AuditTrailTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void passedAndFailedTokenChecksAreAuditedWithTheRequestIdButNeverTheToken() throws Exception {
        String customer = "audit-" + UUID.randomUUID();
        String token = Tokens.forCustomer(customer, "orders:read");
        String passedId = "audit-pass-" + UUID.randomUUID();
        String failedId = "audit-fail-" + UUID.randomUUID();

        send("/api/v1/orders/1001", passedId, "Authorization", "Bearer " + token);
        send("/api/v1/orders/1001", failedId, "Authorization", "Bearer " + token + "x");

        JsonNode passed = await().atMost(Duration.ofSeconds(5)).until(
                () -> audit("actor=" + URLEncoder.encode("jwt:" + customer, StandardCharsets.UTF_8)), items -> items.size() == 1);
        assertThat(passed.get(0).path("outcome").asText()).isEqualTo("authenticated");
        assertThat(passed.get(0).path("action").asText()).isEqualTo("GET /api/v1/orders/1001");
        assertThat(passed.get(0).path("requestId").asText()).isEqualTo(passedId);
        JsonNode failed = await().atMost(Duration.ofSeconds(5)).until(
                () -> audit("actor=jwt:unknown&limit=1000"), items -> contains(items, failedId));
        assertThat(failed.toString()).doesNotContain(token);
    }

    @Test
    void theAuditQueryNeedsAnAdminKeyAndSaneFilters() throws Exception {
        assertThat(send("/admin/audit", "q-1").statusCode()).isEqualTo(401);
        assertThat(send("/admin/audit?since=yesterday", "q-2", "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(send("/admin/audit?limit=0", "q-3", "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(send("/admin/audit?since=2026-01-01T00:00:00Z&outcome=allowed", "q-4", "X-Api-Key", ADMIN_KEY)
                .statusCode()).isEqualTo(200);
    }

    private static boolean contains(JsonNode items, String requestId) {
        for (JsonNode item : items) {
            if (requestId.equals(item.path("requestId").asText())) {
                return "unauthenticated".equals(item.path("outcome").asText());
            }
        }
        return false;
    }

    private JsonNode audit(String query) throws Exception {
        HttpResponse<String> response = send("/admin/audit?" + query, "q-" + UUID.randomUUID(), "X-Api-Key", ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("items");
    }

    private HttpResponse<String> send(String path, String requestId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Request-Id", requestId);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

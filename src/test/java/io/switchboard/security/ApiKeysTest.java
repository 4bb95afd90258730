package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** API keys: minted once, stored hashed, scoped, rotated, revoked, expired; every attempt audited. */
@HubTest
class ApiKeysTest {

    private static final String BOOTSTRAP = "test-admin-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMintedKeyIsShownOnceStoredHashedAndWorksUntilRevoked() throws Exception {
        HttpResponse<String> minted = call("POST", "/admin/api-keys", BOOTSTRAP,
                "{\"name\":\"nightly sync\",\"scopes\":[\"admin\"]}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        JsonNode created = json.readTree(minted.body());
        String id = created.path("id").asText();
        String key = created.path("key").asText();
        assertThat(key).startsWith("sbk_");

        // what is stored is the key's SHA-256, nothing from which the key could be read back
        assertThat(jdbc.queryForObject("SELECT key_hash = sha256(convert_to(?, 'UTF8')) FROM api_keys WHERE id = ?",
                Boolean.class, key, id)).isTrue();
        HttpResponse<String> listed = call("GET", "/admin/api-keys", key, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(key);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE actor = ? AND outcome = 'allowed'", Integer.class, "apikey:" + id) == 1);

        assertThat(call("DELETE", "/admin/api-keys/" + id, BOOTSTRAP, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/admin/api-keys", key, null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/admin/api-keys/" + id, BOOTSTRAP, null).statusCode()).isEqualTo(404);
    }

    @Test
    void severalKeysAreActiveAtOnceForRotation() throws Exception {
        String first = keys.mint("old", Set.of("admin"), null).secret();
        String second = keys.mint("new", Set.of("admin"), null).secret();

        assertThat(call("GET", "/admin/api-keys", first, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/admin/api-keys", second, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyWithoutTheAdminScopeIsForbiddenAndAnExpiredOneUnauthenticated() throws Exception {
        String reader = keys.mint("reader", Set.of("orders:read"), null).secret();
        ApiKeys.Minted expiring = keys.mint("short-lived", Set.of("admin"), Instant.now().plusSeconds(60));
        jdbc.update("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ?", expiring.key().id());

        HttpResponse<String> forbidden = call("GET", "/admin/api-keys", reader, null);
        HttpResponse<String> expired = call("GET", "/admin/api-keys", expiring.secret(), null);

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forbidden.body()).path("code").asText()).isEqualTo("forbidden");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).doesNotContain(expiring.secret());
    }

    @Test
    void mintingRefusesUnknownScopesAndMissingNames() throws Exception {
        HttpResponse<String> unknownScope = call("POST", "/admin/api-keys", BOOTSTRAP,
                "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        HttpResponse<String> noName = call("POST", "/admin/api-keys", BOOTSTRAP, "{\"scopes\":[\"admin\"]}");
        HttpResponse<String> notJson = call("POST", "/admin/api-keys", BOOTSTRAP, "{\"name\":");

        assertThat(unknownScope.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownScope.body()).path("field").asText()).isEqualTo("scopes");
        assertThat(json.readTree(noName.body()).path("field").asText()).isEqualTo("name");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).path("code").asText()).isEqualTo("invalid_request");
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

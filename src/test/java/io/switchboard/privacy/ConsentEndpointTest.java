package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** PUT and GET /api/v1/privacy/customers/{customerId}/consent: an API key of scope privacy:admin, history kept. */
@HubTest
class ConsentEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    private ApiKeys.Minted privacyKey;

    @BeforeEach
    void mintKey() {
        privacyKey = keys.mint("privacy office", Set.of("privacy:admin"), null);
    }

    @Test
    void noConsentRecordedIsNoConsent() throws Exception {
        HttpResponse<String> response = get(newCustomer(), privacyKey.secret());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode consent = json.readTree(response.body());
        assertThat(consent.path("crmLogging").asBoolean(true)).isFalse();
        assertThat(consent.path("transcriptStorage").asBoolean(true)).isFalse();
        assertThat(consent.path("marketing").asBoolean(true)).isFalse();
        assertThat(consent.has("setAt")).isFalse();
        assertThat(consent.path("history")).isEmpty();
    }

    @Test
    void aChangeIsAnsweredAsTheConsentInForceAndTheHistoryKeepsEveryChange() throws Exception {
        String customer = newCustomer();
        ApiKeys.Minted otherKey = keys.mint("support lead", Set.of("privacy:admin"), null);

        HttpResponse<String> first = put(customer, "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":false}",
                privacyKey.secret());
        HttpResponse<String> second = put(customer, "{\"crmLogging\":false,\"transcriptStorage\":true,\"marketing\":true,"
                + "\"note\":\"unknown fields are ignored\"}", otherKey.secret());
        HttpResponse<String> read = get(customer, privacyKey.secret());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).path("crmLogging").asBoolean()).isTrue();
        assertThat(json.readTree(first.body()).path("setBy").asText()).isEqualTo(privacyKey.key().id());
        JsonNode now = json.readTree(second.body());
        assertThat(now.path("customerId").asText()).isEqualTo(customer);
        assertThat(now.path("crmLogging").asBoolean()).isFalse();
        assertThat(now.path("marketing").asBoolean()).isTrue();
        assertThat(now.path("setBy").asText()).isEqualTo(otherKey.key().id());
        JsonNode current = json.readTree(read.body());
        assertThat(current.path("crmLogging").asBoolean()).isFalse();
        assertThat(current.path("setAt").asText()).isEqualTo(now.path("setAt").asText());
        assertThat(current.path("history")).hasSize(2);
        assertThat(current.path("history").get(0).path("setBy").asText()).isEqualTo(otherKey.key().id());
        assertThat(current.path("history").get(1).path("crmLogging").asBoolean()).isTrue();
        assertThat(current.path("history").get(1).path("setBy").asText()).isEqualTo(privacyKey.key().id());
        assertThat(read.body()).doesNotContain(privacyKey.secret(), otherKey.secret());
    }

    @Test
    void theHistoryCannotBeRewritten() {
        String customer = newCustomer();
        jdbc.update("INSERT INTO consent (customer_id, crm_logging, transcript_storage, marketing, set_by)"
                + " VALUES (?, true, true, true, 'key_test')", customer);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.update("UPDATE consent SET crm_logging = false WHERE customer_id = ?", customer))
                .hasMessageContaining("append-only");
    }

    @Test
    void everyFieldIsARequiredBooleanNamedWhenMissingOrMalformed() throws Exception {
        String customer = newCustomer();
        assertField(customer, "{\"transcriptStorage\":true,\"marketing\":false}", "crmLogging");
        assertField(customer, "{\"crmLogging\":\"yes\",\"transcriptStorage\":true,\"marketing\":false}", "crmLogging");
        assertField(customer, "{\"crmLogging\":true,\"transcriptStorage\":null,\"marketing\":false}", "transcriptStorage");
        assertField(customer, "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":1}", "marketing");
        assertThat(put(customer, "not json", privacyKey.secret()).statusCode()).isEqualTo(400);
        assertThat(put(customer, "[]", privacyKey.secret()).statusCode()).isEqualTo(400);
        assertThat(put(customer, "", privacyKey.secret()).statusCode()).isEqualTo(400);
        HttpResponse<String> badId = put("a.b", "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":true}",
                privacyKey.secret());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badId.body()).path("field").asText()).isEqualTo("customerId");
        assertThat(json.readTree(get(customer, privacyKey.secret()).body()).path("history")).isEmpty();
    }

    @Test
    void needsAnApiKeyOfScopePrivacyAdminNotAnAdminKeyOrACustomersToken() throws Exception {
        String customer = newCustomer();
        String body = "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":true}";
        ApiKeys.Minted admin = keys.mint("ops", Set.of("admin"), null);
        String token = Tokens.forCustomer(customer, "conversations:write privacy:admin");

        HttpResponse<String> none = put(customer, body, null);
        HttpResponse<String> wrongScope = put(customer, body, admin.secret());
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(uri(customer))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).startsWith("ApiKey"));
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(json.readTree(wrongScope.body()).path("detail").asText()).contains("privacy:admin");
        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(get(customer, admin.secret()).statusCode()).isEqualTo(403);
        assertThat(json.readTree(get(customer, privacyKey.secret()).body()).path("history")).isEmpty();
    }

    @Test
    void aCustomersTokenCannotReachItByWalkingThePath() throws Exception {
        String customer = newCustomer();
        String token = Tokens.forCustomer(customer, "orders:read");
        String body = "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":true}";
        for (String path : new String[] {"/api/v1/orders/../privacy/customers/" + customer + "/consent",
                "/api/v1/orders/%2e%2e/privacy/customers/" + customer + "/consent",
                "/api/v1/./privacy/customers/" + customer + "/consent",
                "/api/v1//privacy/customers/" + customer + "/consent",
                "/api/v1;x=1/privacy/customers/" + customer + "/consent",
                "/api/v1/privacy;x/customers/" + customer + "/consent"}) {
            for (String method : new String[] {"GET", "PUT"}) {
                String status = raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
                assertThat(status).as(method + " " + path).matches("HTTP/1.1 (401|404) ?.*");
            }
        }
        assertThat(json.readTree(get(customer, privacyKey.secret()).body()).path("history")).isEmpty();
    }

    private void assertField(String customer, String body, String field) throws Exception {
        HttpResponse<String> response = put(customer, body, privacyKey.secret());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.path("field").asText()).isEqualTo(field);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private URI uri(String customer) {
        return URI.create("http://localhost:" + port + "/api/v1/privacy/customers/" + customer + "/consent");
    }

    private HttpResponse<String> put(String customer, String body, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(customer)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String customer, String apiKey) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(customer)).header("X-Api-Key", apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a request sent as written, without a client normalizing its path. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}

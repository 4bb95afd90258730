package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Server-to-server callers on the chat API: an API key acts for a customer it names (or any, with
 * customers:all), with its scopes, under the same object-level rules as the customer's own token, audited.
 */
@HubTest
class ChatApiKeysTest {

    private static final String BOOTSTRAP = "test-admin-key-0123456789abcdef";
    private static final String OTHER_CUSTOMER = "115310627";   // owns order 1003 in the sandbox

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void sandbox() {
        ShopifySandbox.reset();
    }

    @Test
    void aKeyMintedForACustomerReadsThatCustomersOrdersAndNoOneElses() throws Exception {
        HttpResponse<String> minted = admin("{\"name\":\"batch\",\"scopes\":[\"orders:read\"],\"customers\":[\""
                + Tokens.CUSTOMER + "\"]}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        JsonNode created = json.readTree(minted.body());
        assertThat(created.path("customers").get(0).asText()).isEqualTo(Tokens.CUSTOMER);
        String key = created.path("key").asText();

        HttpResponse<String> own = get("/api/v1/orders/1001", key, Tokens.CUSTOMER);
        HttpResponse<String> othersObject = get("/api/v1/orders/1003", key, Tokens.CUSTOMER);
        HttpResponse<String> otherCustomer = get("/api/v1/orders/1003", key, OTHER_CUSTOMER);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(json.readTree(own.body()).path("orderNumber").asText()).isEqualTo("1001");
        assertThat(othersObject.statusCode()).isEqualTo(404);
        assertThat(otherCustomer.statusCode()).isEqualTo(403);
        assertThat(json.readTree(otherCustomer.body()).path("code").asText()).isEqualTo("forbidden");
        String actor = "apikey:" + created.path("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE actor = ? AND outcome = 'authenticated' AND detail = ?",
                Integer.class, actor, "for customer " + Tokens.CUSTOMER) == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE actor = ? AND outcome = 'forbidden'", Integer.class, actor) == 1);
    }

    @Test
    void aKeyOfScopeCustomersAllActsForAnyCustomer() throws Exception {
        String key = keys.mint("support tool", Set.of("orders:read", Scopes.CUSTOMERS_ALL), null).secret();

        HttpResponse<String> order = get("/api/v1/orders/1003", key, OTHER_CUSTOMER);

        assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
        assertThat(get("/api/v1/orders/1001", key, OTHER_CUSTOMER).statusCode()).isEqualTo(404);
    }

    @Test
    void theKeysScopesApplyAndItNeverPassesForAVerifiedCustomer() throws Exception {
        String key = keys.mint("writer", Set.of("orders:write"), Set.of(Tokens.CUSTOMER), null).secret();

        HttpResponse<String> read = get("/api/v1/orders/1001", key, Tokens.CUSTOMER);
        HttpResponse<String> cancel = http.send(request("/api/v1/orders/1001/cancellation", key, Tokens.CUSTOMER)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(json.readTree(cancel.body()).path("code").asText()).isEqualTo("step_up_required");
    }

    @Test
    void anUnknownKeyOrNoCustomerIsRefused() throws Exception {
        String key = keys.mint("batch", Set.of("orders:read"), Set.of(Tokens.CUSTOMER), null).secret();

        HttpResponse<String> unknown = get("/api/v1/orders/1001", "sbk_not-a-key", Tokens.CUSTOMER);
        HttpResponse<String> nobody = get("/api/v1/orders/1001", key, null);
        HttpResponse<String> malformed = get("/api/v1/orders/1001", key, "207119551 OR 1=1");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("ApiKey"));
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(json.readTree(nobody.body()).path("field").asText()).isEqualTo("X-Customer-Id");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void mintingRefusesMalformedCustomers() throws Exception {
        HttpResponse<String> refused = admin("{\"name\":\"batch\",\"scopes\":[\"orders:read\"],\"customers\":[\"a b\"]}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).path("field").asText()).isEqualTo("customers");
    }

    private HttpResponse<String> admin(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/api-keys"))
                .header("X-Api-Key", BOOTSTRAP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key, String customer) throws Exception {
        return http.send(request(path, key, customer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String key, String customer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", key);
        return customer == null ? request : request.header("X-Customer-Id", customer);
    }
}

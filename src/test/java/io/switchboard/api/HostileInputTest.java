package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.errors.Problems;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint, fed what an attacker or a broken client sends: injection and traversal strings in ids, huge and
 * odd ids, malformed, oversized and deeply nested bodies, bad credentials. The answer is always the contract's
 * error (or a normal answer), never a 5xx and never anything but JSON.
 */
@HubTest
class HostileInputTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final List<String> HOSTILE_IDS = List.of(
            "1001' OR '1'='1", "1001; DROP TABLE webhook_receipts; --", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2f", "1001%00", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "x".repeat(5000),
            "ü🎉", " ", "#", "%");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Test
    void hostileIdsInEveryPathAreClientErrors() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");
        String verified = Tokens.verified(Tokens.CUSTOMER, "orders:write");
        for (String id : HOSTILE_IDS) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            assertClientError(send("GET", "/api/v1/orders/" + encoded, null, "Authorization", "Bearer " + token), id);
            assertClientError(send("POST", "/api/v1/orders/" + encoded + "/cancellation", "{}",
                    "Authorization", "Bearer " + verified, "Content-Type", "application/json"), id);
            assertClientError(send("POST", "/webhooks/" + encoded, null), id);
            assertClientError(send("POST", "/admin/dead-letters/" + encoded + "/replay", null, "X-Api-Key", ADMIN_KEY), id);
            assertClientError(send("DELETE", "/admin/api-keys/" + encoded, null, "X-Api-Key", ADMIN_KEY), id);
            assertClientError(send("GET", "/admin/dead-letters?source=" + encoded, null, "X-Api-Key", ADMIN_KEY), id);
            HttpResponse<String> audit = send("GET", "/admin/audit?actor=" + encoded + "&action=" + encoded, null,
                    "X-Api-Key", ADMIN_KEY);
            if (audit.statusCode() == 200) {
                assertThat(audit.body()).as("an injection finds nothing").isEqualTo("{\"items\":[]}");
            } else {
                assertClientError(audit, id);   // a query string too long for the server
            }
        }
    }

    @Test
    void malformedOversizedAndDeeplyNestedBodiesAreClientErrors() throws Exception {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        String huge = "{\"name\":\"" + "x".repeat(2_000_000) + "\",\"scopes\":[\"admin\"]}";
        for (String body : List.of("{", "null", "[]", "\"text\"", "{\"name\":1,\"scopes\":\"admin\"}", nested, huge,
                "{\"name\":\"ok\",\"scopes\":[\"admin\"],\"expiresAt\":\"not a date\"}")) {
            assertClientError(send("POST", "/admin/api-keys", body, "X-Api-Key", ADMIN_KEY,
                    "Content-Type", "application/json"), body.length() > 60 ? body.substring(0, 60) : body);
        }
        assertClientError(send("POST", "/webhooks/github", huge, "Content-Type", "application/json"), "huge webhook");
        assertClientError(send("POST", "/api/v1/orders/1001/cancellation", huge, "Content-Type", "application/json",
                "Authorization", "Bearer " + Tokens.verified(Tokens.CUSTOMER, "orders:write")), "huge cancellation body");
        assertClientError(send("POST", "/webhooks/github", nested, "X-Hub-Signature-256", "sha256=00"), "nested webhook");
    }

    @Test
    void bodiesOverTheLimitAre413BeforeParsingAndDeepNestingIs400() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"scopes\":[\"admin\"]}";
        HttpResponse<String> declared = send("POST", "/admin/api-keys", big, "X-Api-Key", ADMIN_KEY,
                "Content-Type", "application/json");
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/api-keys")).header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        String deep = "{\"name\":\"n\",\"scopes\":[\"admin\"],\"extra\":" + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<String> nested = send("POST", "/admin/api-keys", deep, "X-Api-Key", ADMIN_KEY,
                "Content-Type", "application/json");
        String small = "{\"name\":\"fits\",\"scopes\":[\"kb:read\"],\"unknownField\":{\"a\":[1,2]}}";
        HttpResponse<String> fits = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/api-keys")).header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(small.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertJsonProblem(chunked, "chunked");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(fits.statusCode()).as("a chunked body within the limit, unknown fields ignored").isEqualTo(201);
    }

    @Test
    void badCredentialsOfEveryShapeAreUnauthenticated() throws Exception {
        for (String authorization : List.of("", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c",
                "Bearer " + "a".repeat(20_000), "bearer " + Tokens.SECRET, "Bearer eyJhbGciOiJub25lIn0.e30.")) {
            HttpResponse<String> response = send("GET", "/api/v1/orders/1001", null, "Authorization", authorization);
            assertThat(response.statusCode()).as(abbreviated(authorization)).isIn(400, 401);
            assertJsonProblem(response, abbreviated(authorization));
        }
        for (String key : List.of(" ", "' OR 1=1 --", "x".repeat(10_000))) {
            assertThat(send("GET", "/admin/api-keys", null, "X-Api-Key", key).statusCode()).isIn(400, 401);
        }
    }

    @Test
    void everyKindOfBadTokenIsUnauthenticated() throws Exception {
        Instant now = Instant.now();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-kid").build(),
                Tokens.claims(Tokens.CUSTOMER, "orders:read").build());
        rs256.sign(new RSASSASigner(rsa));
        String good = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");
        String[] parts = good.split("\\.");
        String otherPayload = Tokens.forCustomer("115310627", "orders:read").split("\\.")[1];
        Map<String, String> tokens = Map.of(
                "alg none", new PlainJWT(Tokens.claims(Tokens.CUSTOMER, "orders:read").build()).serialize(),
                "expired", Tokens.sign(Tokens.SECRET, Tokens.claims(Tokens.CUSTOMER, "orders:read")
                        .expirationTime(Date.from(now.minusSeconds(3600))).build()),
                "not yet valid", Tokens.sign(Tokens.SECRET, Tokens.claims(Tokens.CUSTOMER, "orders:read")
                        .notBeforeTime(Date.from(now.plusSeconds(3600))).build()),
                "wrong audience", Tokens.sign(Tokens.SECRET, Tokens.claims(Tokens.CUSTOMER, "orders:read")
                        .audience("another-service").build()),
                "tampered payload", parts[0] + "." + otherPayload + "." + parts[2],
                "HS256 with another key", Tokens.sign(rsa.toPublicJWK().toJSONString() + "-padding-to-32-bytes",
                        Tokens.claims(Tokens.CUSTOMER, "orders:read").build()),
                "RS256 with an unknown key id", rs256.serialize());

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            HttpResponse<String> response = send("GET", "/api/v1/orders/1001", null,
                    "Authorization", "Bearer " + token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertJsonProblem(response, token.getKey());
        }
        assertThat(send("GET", "/api/v1/orders/1001", null, "Authorization", "Bearer " + good).statusCode())
                .as("the untampered token").isNotEqualTo(401);
    }

    @Test
    void revokedExpiredAndUnderScopedCredentialsAndOtherCustomersIdsAreRefused() throws Exception {
        ApiKeys.Minted revoked = keys.mint("revoked", Set.of("admin"), null);
        keys.revoke(revoked.key().id());
        ApiKeys.Minted expired = keys.mint("expired", Set.of("admin"), Instant.now().plusSeconds(1));
        Thread.sleep(1_100);
        ApiKeys.Minted reader = keys.mint("reader", Set.of("orders:read"), null);

        assertThat(send("GET", "/admin/api-keys", null, "X-Api-Key", revoked.secret()).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/api-keys", null, "X-Api-Key", expired.secret()).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/api-keys", null, "X-Api-Key", reader.secret()).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/orders/1001", null, "Authorization",
                "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "kb:read")).statusCode()).isEqualTo(403);
        HttpResponse<String> othersOrder = send("GET", "/api/v1/orders/1003", null, "Authorization",
                "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));
        assertThat(othersOrder.statusCode()).as("another customer's order").isEqualTo(404);
        assertJsonProblem(othersOrder, "another customer's order");
        HttpResponse<String> othersCancellation = send("POST", "/api/v1/orders/1003/cancellation", null,
                "Authorization", "Bearer " + Tokens.verified(Tokens.CUSTOMER, "orders:write"));
        assertThat(othersCancellation.statusCode()).as("cancelling another customer's order").isEqualTo(404);
        assertJsonProblem(othersCancellation, "cancelling another customer's order");
        assertThat(send("POST", "/api/v1/orders/1001/cancellation", null, "Authorization",
                "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).statusCode())
                .as("cancelling with a read-only token").isEqualTo(403);
    }

    @Test
    void conversationEventsAndConsentRefuseHostileInput() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write");
        String privacyKey = keys.mint("privacy", Set.of("privacy:admin"), null).secret();
        String event = "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"hi\",\"at\":\"2026-11-24T06:00:00Z\"}";
        String consent = "{\"crmLogging\":true,\"transcriptStorage\":true,\"marketing\":false}";
        for (String id : HOSTILE_IDS) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            assertClientError(send("POST", "/api/v1/conversations/" + encoded + "/events", event,
                    "Authorization", "Bearer " + token, "Content-Type", "application/json"), id);
            assertClientError(send("PUT", "/api/v1/privacy/customers/" + encoded + "/consent", consent,
                    "X-Api-Key", privacyKey, "Content-Type", "application/json"), id);
            assertClientError(send("GET", "/api/v1/privacy/customers/" + encoded + "/consent", null,
                    "X-Api-Key", privacyKey), id);
        }
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        String huge = "{\"type\":\"message\",\"text\":\"" + "x".repeat(2_000_000) + "\",\"at\":\"2026-11-24T06:00:00Z\"}";
        String deep = "{\"type\":\"resolved\",\"at\":\"2026-11-24T06:00:00Z\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        for (String body : List.of("{", "null", "[]", "\"text\"", "{\"type\":[\"message\"],\"at\":1}", nested, huge, deep,
                "{\"type\":\"message\",\"text\":\"<script>alert(1)</script>' OR '1'='1\",\"at\":\"${jndi:ldap://x/a}\"}")) {
            String what = body.length() > 60 ? body.substring(0, 60) : body;
            assertClientError(send("POST", "/api/v1/conversations/conv-hostile/events", body,
                    "Authorization", "Bearer " + token, "Content-Type", "application/json"), what);
            assertClientError(send("PUT", "/api/v1/privacy/customers/" + Tokens.CUSTOMER + "/consent", body,
                    "X-Api-Key", privacyKey, "Content-Type", "application/json"), what);
        }
        for (String key : List.of(" ", "' OR 1=1 --", "x".repeat(10_000), ADMIN_KEY)) {
            assertThat(send("GET", "/api/v1/privacy/customers/" + Tokens.CUSTOMER + "/consent", null, "X-Api-Key", key)
                    .statusCode()).isIn(400, 401, 403);
        }
        assertThat(send("PUT", "/api/v1/privacy/customers/" + Tokens.CUSTOMER + "/consent", consent,
                "Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "privacy:admin"),
                "Content-Type", "application/json").statusCode()).as("a customer's token").isEqualTo(401);
        String conversation = "conv-" + java.util.UUID.randomUUID();
        assertThat(send("POST", "/api/v1/conversations/" + conversation + "/events", event,
                "Authorization", "Bearer " + token, "Content-Type", "application/json").statusCode()).isEqualTo(202);
        HttpResponse<String> others = send("POST", "/api/v1/conversations/" + conversation + "/events", event,
                "Authorization", "Bearer " + Tokens.forCustomer("115310627", "conversations:write"),
                "Content-Type", "application/json");
        assertThat(others.statusCode()).as("another customer's conversation").isEqualTo(404);
        assertJsonProblem(others, "another customer's conversation");
    }

    @Test
    void pathParametersAndDotSegmentsDoNotGetPastAuthentication() throws Exception {
        // filters match the path as routed, not the raw URI that ";x" or "." segments disguise
        for (String path : List.of("/admin;x/api-keys", "/admin;x=1/dead-letters", "/admin/./api-keys",
                "/admin//api-keys", "/api;x/v1/orders/1001", "/api/v1;x/orders/1001", "/api/v1/./orders/1001",
                "/api/v1;x/privacy/customers/" + Tokens.CUSTOMER + "/consent")) {
            String status = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(status).as(path).matches("HTTP/1.1 (400|401|404) ?.*");
        }
    }

    /** The status line of a request sent as written, without a client normalizing its path. */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void wrongMethodsAndUnknownPathsAreClientErrors() throws Exception {
        assertClientError(send("DELETE", "/api/v1/orders/1001", null), "DELETE order");
        assertClientError(send("GET", "/api/v1/orders/1001/cancellation", null, "Authorization",
                "Bearer " + Tokens.verified(Tokens.CUSTOMER, "orders:write")), "GET cancellation");
        assertClientError(send("PUT", "/webhooks/github", "{}"), "PUT webhook");
        assertClientError(send("GET", "/webhooks/github", null), "GET webhook");
        assertClientError(send("GET", "/api/v1/nothing", null, "Authorization",
                "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")), "unknown path");
    }

    private void assertClientError(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(abbreviated(what) + " -> " + abbreviated(response.body())).isBetween(400, 499);
        assertJsonProblem(response, what);
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + " chars)" : text;
    }

    private static void assertJsonProblem(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("Content-Type")).as(abbreviated(what)).hasValue(Problems.MEDIA_TYPE);
        assertThat(response.body()).as(what).doesNotContain("Exception", "at io.", "at org.", "SQL", "<html");
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i + 1].isEmpty()) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

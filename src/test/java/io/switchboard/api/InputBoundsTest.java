package io.switchboard.api;

import static io.switchboard.support.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.security.AuditLog;
import io.switchboard.support.HubTest;
import io.switchboard.support.Http;
import io.switchboard.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Values the hub cannot store or should not read (times outside what PostgreSQL holds, NUL and other control
 * characters, bodies in a charset other than UTF-8) are refused as the contract's 4xx problem wherever they come in:
 * chat API bodies, admin API bodies and queries, token claims. None reaches the database as a 500.
 */
@HubTest
class InputBoundsTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aConversationEventDatedOutsideTheStorableRangeIs400() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write");
        for (String at : List.of("-100000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z")) {
            HttpResponse<String> response = http.send("POST", "/api/v1/conversations/conv-range/events",
                    "{\"type\":\"resolved\",\"at\":\"" + at + "\"}",
                    "Authorization", "Bearer " + token, "Content-Type", "application/json");

            assertProblem(response, 400, "invalid_request");
        }
    }

    @Test
    void anApiKeyExpiringBeyondTheStorableRangeOrNamedWithANulIs400() throws Exception {
        HttpResponse<String> farFuture = http.send("POST", "/admin/api-keys",
                "{\"name\":\"far\",\"scopes\":[\"kb:read\"],\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}",
                "X-Api-Key", ADMIN_KEY, "Content-Type", "application/json");
        HttpResponse<String> nul = http.send("POST", "/admin/api-keys",
                "{\"name\":\"nul\\u0000name\",\"scopes\":[\"kb:read\"]}",
                "X-Api-Key", ADMIN_KEY, "Content-Type", "application/json");
        HttpResponse<String> bell = http.send("POST", "/admin/api-keys",
                "{\"name\":\"bell\\u0007\",\"scopes\":[\"kb:read\"]}",
                "X-Api-Key", ADMIN_KEY, "Content-Type", "application/json");

        assertProblem(farFuture, 400, "invalid_request");
        assertProblem(nul, 400, "invalid_request");
        assertProblem(bell, 400, "invalid_request");
    }

    @Test
    void theAuditQueryAtTheEndsOfTimeOrWithANulIs400() throws Exception {
        for (String query : List.of("since=-999999999-01-01T00:00:00Z", "since=%2B1000000000-12-31T23:59:59Z",
                "since=%2B999999999-12-31T23:59:59Z", "actor=jwt:%00", "action=GET%00", "outcome=%01")) {
            assertProblem(http.send("GET", "/admin/audit?" + query, (String) null, "X-Api-Key", ADMIN_KEY),
                    400, "invalid_request");
        }
    }

    @Test
    void aSignedTokenWhoseSubjectHasANulIsUnauthenticatedAndAudited() throws Exception {
        String requestId = "nul-sub-" + UUID.randomUUID();
        String token = Tokens.sign(Tokens.SECRET, Tokens.claims("207119551\u0000", "orders:read").build());

        HttpResponse<String> response = http.send("GET", "/api/v1/orders/1001", (String) null,
                "Authorization", "Bearer " + token, "X-Request-Id", requestId);

        assertProblem(response, 401, "unauthenticated");
        List<AuditLog.Entry> entries = await().atMost(Duration.ofSeconds(10)).until(
                () -> audit.find("jwt:unknown", null, null, null, 1_000).stream()
                        .filter(e -> requestId.equals(e.requestId())).toList(), found -> !found.isEmpty());
        assertThat(entries.get(0).outcome()).isEqualTo("unauthenticated");
    }

    @Test
    void aTicketBodyInUtf16Is415() throws Exception {
        String ticket = "{\"conversationId\":\"conv-utf16\",\"subject\":\"Parcel\",\"transcript\":"
                + "[{\"role\":\"customer\",\"text\":\"Where is it?\",\"at\":\"2026-11-24T06:00:00Z\"}]}";
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write");

        HttpResponse<String> declared = http.send("POST", "/api/v1/tickets", ticket.getBytes(StandardCharsets.UTF_16),
                "Authorization", "Bearer " + token, "Content-Type", "application/json; charset=UTF-16");
        HttpResponse<String> undeclared = http.send("POST", "/api/v1/tickets",
                ticket.getBytes(StandardCharsets.UTF_16LE),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");

        assertProblem(declared, 415, "invalid_request");
        assertProblem(undeclared, 415, "invalid_request");
    }

    @Test
    void invalidUtf8BytesInsideAStringAre400() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"conversationId\":\"conv-bad-utf8\",\"subject\":\"Parcel"
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes(("\",\"transcript\":[{\"role\":\"customer\",\"text\":\"Where?\","
                + "\"at\":\"2026-11-24T06:00:00Z\"}]}").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = http.send("POST", "/api/v1/tickets", body.toByteArray(),
                "Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write"),
                "Content-Type", "application/json");

        assertProblem(response, 400, "invalid_request");
    }
}

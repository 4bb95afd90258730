package io.switchboard.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.ApiKeys;
import io.switchboard.security.AuditLog;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A corpus-driven fuzz of every endpoint and every header the hub reads: each request is a real operation with one
 * part (a path parameter, a query parameter, a header, a body member, the body's bytes, the credential) replaced by
 * a hostile value ({@link HostileShots}), from a fixed seed so that a failure replays. Whatever comes back: never a
 * 5xx, never a 2xx for a request that must be refused (no or a forged credential, a control character, a time no
 * database holds, a body not in UTF-8, an unsigned webhook), every error problem+json with a contract code, no
 * secret or stack trace in any body, and every request to a guarded API in the audit log.
 * A longer run: {@code -Dfuzz.requests=20000}.
 */
@HubTest
class HostileRequestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_000);
    private static final Set<String> CODES = Set.of("invalid_request", "unauthenticated", "forbidden",
            "step_up_required", "not_found", "payload_too_large", "rate_limited", "invalid_signature",
            "unknown_source", "upstream_unavailable", "upstream_timeout", "upstream_rate_limited", "conflict",
            "internal_error");
    /** What must never be in an answer: the test profile's secrets, and what only a stack trace or a page says. */
    private static final List<String> LEAKS = List.of(Tokens.SECRET, HostileShots.ADMIN_KEY, Webhooks.GITHUB_SECRET,
            Webhooks.SHOPIFY_SECRET, Webhooks.STANDARD_SECRET, "sandbox-not-a-secret", "dGVzdC1vbmx5LWZpZWxkLWtleS");
    /**
     * What a failure's internals look like, in an error answer. (A dead letter's listed reason names the exception
     * class that dead-lettered it, for the operator: that is the admin API's data, not a leak.)
     */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at io.switchboard",
            "org.springframework", "org.apache", "java.lang", "SQLState", "PSQLException", "<html", "<!doctype");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    ApiKeys keys;

    @Test
    void hostileRequestsToEveryEndpointAreAnsweredByTheContract() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        HostileShots shots = new HostileShots(keys.mint("fuzz-privacy", Set.of("privacy:admin"), null).secret());
        Random random = new Random(SEED);
        Set<String> guardedRequestIds = new HashSet<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HostileShots.Shot shot = shots.shot(random);
            HttpResponse<String> response;
            try {
                response = send(shot);
            } catch (IllegalArgumentException clientRefused) {
                continue;   // a value the client will not even send (a header with a line break): nothing to learn
            }
            String problem = check(shot, response);
            if (problem != null) {
                failures.add("#" + i + " " + shot.method() + " " + abbreviated(shot.path()) + " " + abbreviated(
                        String.valueOf(shot.headers())) + " body " + abbreviated(String.valueOf(shot.body()))
                        + " -> " + response.statusCode() + " " + abbreviated(response.body()) + ": " + problem);
            }
            boolean refusedByTheContainer = response.body().contains("refused before it could be read");
            if (shot.guarded() && response.statusCode() != 413 && !refusedByTheContainer) {
                response.headers().firstValue("X-Request-Id").ifPresent(guardedRequestIds::add);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(guardedRequestIds).hasSizeGreaterThan(REQUESTS / 3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> audited = audit.find(null, null, null, started, 1_000_000).stream()
                    .map(AuditLog.Entry::requestId).collect(Collectors.toSet());
            assertThat(guardedRequestIds).as("every request to a guarded API audited")
                    .allMatch(audited::contains);
        });
    }

    /** Why the answer breaks the contract, or null. */
    private String check(HostileShots.Shot shot, HttpResponse<String> response) {
        int status = response.statusCode();
        // health's 503 is its answer about the hub's parts and vendors (one may be down in a shared hub): not a
        // failure, and its body is that report, not a problem
        boolean healthReport = shot.path().startsWith("/actuator/health") && status == 503
                && response.body().startsWith("{\"status\":\"DOWN\"");
        if (status >= 500 && !healthReport) {
            return "a 5xx";
        }
        if (shot.refused() && status < 300) {
            return "a refused request answered " + status;
        }
        for (String leak : LEAKS) {
            if (response.body().contains(leak)) {
                return "the body holds " + leak;
            }
        }
        for (String internal : status >= 400 ? INTERNALS : List.<String>of()) {
            if (response.body().contains(internal)) {
                return "the error holds " + internal;
            }
        }
        if (status >= 400 && !shot.method().equals("HEAD") && !healthReport) {
            if (!response.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
                return "not problem+json";
            }
            try {
                JsonNode body = json.readTree(response.body());
                if (!CODES.contains(body.path("code").asText()) || body.path("status").asInt() != status) {
                    return "not a contract problem";
                }
            } catch (Exception e) {
                return "not JSON";
            }
        }
        return null;
    }

    private HttpResponse<String> send(HostileShots.Shot shot) throws Exception {
        byte[] body = shot.body() == null ? null : shot.body().startsWith("\u0000UTF16:")
                ? shot.body().substring(7).getBytes(StandardCharsets.UTF_16)
                : shot.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + shot.path()))
                .timeout(Duration.ofSeconds(30))
                .method(shot.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < shot.headers().size(); i += 2) {
            request.header(shot.headers().get(i), shot.headers().get(i + 1));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviated(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
    }
}

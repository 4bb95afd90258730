package io.switchboard.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every chat capability against every way its vendor fails (no answer, slow, 429 with Retry-After, 5xx, a body that
 * is not JSON, a reset connection, our credential refused): the contract's code (never "not found", never a 500),
 * the answer in time (the client waits no longer than the answer budget and a margin), and the capability answers
 * again once the fault ends.
 */
@HubTest
class VendorFaultMatrixTest {

    /** The answer budget (switchboard.api.answer-budget) and a margin for a busy test machine. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(2_500 + 1_000);
    private static final String SCOPES = "orders:read customer:read tickets:write kb:read";

    /** A chat capability, the vendor behind it in the test hub, and a request to it. */
    enum Capability {
        ORDER("shopify", "GET", () -> "/api/v1/orders/1001", () -> null),
        CUSTOMER("hubspot", "GET", () -> "/api/v1/customers/" + Tokens.CUSTOMER, () -> null),
        TICKET("zendesk", "POST", () -> "/api/v1/tickets", () -> "{\"conversationId\":\"matrix-" + UUID.randomUUID()
                + "\",\"subject\":\"Where is my parcel?\",\"transcript\":[{\"role\":\"customer\","
                + "\"text\":\"It has not arrived\",\"at\":\"2026-11-24T06:00:00Z\"}]}"),
        KB("zendesk", "GET", () -> "/api/v1/kb/search?q=order%20" + UUID.randomUUID(), () -> null),
        CONTEXT_CRM("hubspot", "GET", () -> "/api/v1/customers/" + Tokens.CUSTOMER + "/context", () -> null),
        CONTEXT_ORDERS("shopify", "GET", () -> "/api/v1/customers/" + Tokens.CUSTOMER + "/context", () -> null),
        CONTEXT_HELPDESK("zendesk", "GET", () -> "/api/v1/customers/" + Tokens.CUSTOMER + "/context", () -> null);

        final String vendor;
        final String method;
        final Supplier<String> path;
        final Supplier<String> body;

        Capability(String vendor, String method, Supplier<String> path, Supplier<String> body) {
            this.vendor = vendor;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        /** The customer context's part this vendor serves, or null for a capability answered alone. */
        String contextPart() {
            return name().startsWith("CONTEXT_") ? name().substring("CONTEXT_".length()).toLowerCase() : null;
        }
    }

    /** A vendor fault as WireMock plays it, and the answer the contract gives for it (null: a normal answer). */
    enum VendorFault {
        NO_ANSWER(aResponse().withStatus(200).withFixedDelay(6_000).withBody("{}"), 504, "upstream_timeout"),
        SLOW(null, 0, null),
        RATE_LIMITED(aResponse().withStatus(429).withHeader("Retry-After", "30"), 503, "upstream_rate_limited"),
        SERVER_ERROR(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}"), 503, "upstream_unavailable"),
        MALFORMED_BODY(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"orders\":[{\"id\":"), 503, "upstream_unavailable"),
        CONNECTION_RESET(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 503, "upstream_unavailable"),
        EXPIRED_TOKEN(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\"}"), 503, "upstream_unavailable");

        final ResponseDefinitionBuilder response;
        final int status;
        final String code;

        VendorFault(ResponseDefinitionBuilder response, int status, String code) {
            this.response = response;
            this.status = status;
            this.code = code;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    Map<String, Cache<String, ?>> caches;

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            for (VendorFault fault : VendorFault.values()) {
                cases.add(Arguments.of(capability, fault));
            }
        }
        return cases.stream();
    }

    @BeforeEach
    @AfterEach
    void fresh() {
        for (String vendor : Sandboxes.VENDORS) {
            Sandboxes.server(vendor).setGlobalFixedDelay(0);
            Sandboxes.reset(vendor);
        }
        caches.values().forEach(Cache::invalidateAll);
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @ParameterizedTest(name = "{0} when the vendor gives {1}")
    @MethodSource("matrix")
    void theContractsCodeInTimeThenRecovery(Capability capability, VendorFault fault) throws Exception {
        if (fault == VendorFault.SLOW) {
            Sandboxes.server(capability.vendor).setGlobalFixedDelay(400);   // well within its timeout
        } else {
            Sandboxes.server(capability.vendor).stubFor(any(anyUrl()).atPriority(1).willReturn(fault.response));
        }

        HttpResponse<String> during = call(capability);

        String what = capability + " / " + fault + " -> " + during.statusCode() + " " + during.body();
        assertThat(during.statusCode()).as(what).isNotIn(404, 500);
        if (capability.contextPart() != null) {
            assertThat(during.statusCode()).as(what).isEqualTo(200);
            String expected = fault.code == null ? "ok" : fault == VendorFault.NO_ANSWER ? "timeout" : "unavailable";
            assertThat(json.readTree(during.body()).path("sources").path(capability.contextPart()).asText())
                    .as(what).isEqualTo(expected);
        } else if (fault.code == null) {
            assertThat(during.statusCode()).as(what).isBetween(200, 201);
        } else {
            assertThat(during.statusCode()).as(what).isEqualTo(fault.status);
            JsonNode problem = json.readTree(during.body());
            assertThat(during.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
            assertThat(problem.path("code").asText()).as(what).isEqualTo(fault.code);
            assertThat(problem.path("source").asText()).as(what).isNotEmpty();
            if (fault.status == 503) {
                assertThat(during.headers().firstValue("Retry-After")).as(what).isPresent();
            }
        }

        Sandboxes.server(capability.vendor).setGlobalFixedDelay(0);
        Sandboxes.reset(capability.vendor);
        HttpResponse<String> after = call(capability);

        assertThat(after.statusCode()).as("recovered: " + after.body()).isBetween(200, 201);
        if (capability.contextPart() != null) {
            assertThat(json.readTree(after.body()).path("sources").path(capability.contextPart()).asText())
                    .isEqualTo("ok");
        }
    }

    /** The capability's request, which must be answered before the client gives up. */
    private HttpResponse<String> call(Capability capability) throws Exception {
        String body = capability.body.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + capability.path.get()))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, SCOPES))
                .method(capability.method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

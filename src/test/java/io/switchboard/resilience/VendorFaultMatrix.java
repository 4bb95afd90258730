package io.switchboard.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationContext;

/**
 * Every chat capability against every way its vendor fails (no answer, slow, 429 with Retry-After, 5xx, a body that
 * is not JSON, a reset connection, our credential refused): the contract's code (never "not found", never a 500),
 * the answer in time (the client waits no longer than the answer budget and a margin), and the capability answers
 * again once the fault ends. A subclass names the hub and the capabilities its providers serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VendorFaultMatrix {

    /** The answer budget (switchboard.api.answer-budget) and a margin for a busy test machine. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(2_500 + 1_000);
    private static final String SCOPES = "orders:read customer:read tickets:write kb:read";

    /**
     * A chat capability, the vendor behind it in the hub under test, a request to it (as the customer
     * {@code subject}), and for the customer context the part the vendor serves (else null).
     */
    record Capability(String name, String vendor, String subject, String method, Supplier<String> path,
                      Supplier<String> body, String contextPart) {

        static Capability get(String name, String vendor, String subject, String path) {
            return new Capability(name, vendor, subject, "GET", () -> path, () -> null, null);
        }

        static Capability context(String part, String vendor) {
            return new Capability("context " + part, vendor, Tokens.CUSTOMER, "GET",
                    () -> "/api/v1/customers/" + Tokens.CUSTOMER + "/context", () -> null, part);
        }

        static Capability kb(String vendor) {
            return new Capability("kb search", vendor, Tokens.CUSTOMER, "GET",
                    () -> "/api/v1/kb/search?q=order%20" + UUID.randomUUID(), () -> null, null);
        }

        static Capability ticket(String vendor) {
            return new Capability("ticket", vendor, Tokens.CUSTOMER, "POST", () -> "/api/v1/tickets",
                    () -> "{\"conversationId\":\"matrix-" + UUID.randomUUID()
                            + "\",\"subject\":\"Where is my parcel?\","
                            + "\"transcript\":[{\"role\":\"customer\",\"text\":\"It has not arrived\","
                            + "\"at\":\"2026-11-24T06:00:00Z\"}]}", null);
        }

        @Override
        public String toString() {
            return name + " (" + vendor + ")";
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

    /** The hub's port. */
    abstract int port();

    /** The hub's beans. */
    abstract ApplicationContext hub();

    /** The capabilities to play the faults against. */
    abstract List<Capability> capabilities();

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Capability capability : capabilities()) {
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
        hub().getBeansOfType(Cache.class).values().forEach(Cache::invalidateAll);
        hub().getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @ParameterizedTest(name = "{0} when the vendor gives {1}")
    @MethodSource("matrix")
    void theContractsCodeInTimeThenRecovery(Capability capability, VendorFault fault) throws Exception {
        if (fault == VendorFault.SLOW) {
            Sandboxes.server(capability.vendor()).setGlobalFixedDelay(400);   // well within its timeout
        } else {
            Sandboxes.server(capability.vendor()).stubFor(any(anyUrl()).atPriority(1).willReturn(fault.response));
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

        Sandboxes.server(capability.vendor()).setGlobalFixedDelay(0);
        Sandboxes.reset(capability.vendor());
        // the fault has ended: served again (the calls it left hanging may hold a connection a moment longer)
        HttpResponse<String> after = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> call(capability), response -> response.statusCode() < 300);
        if (capability.contextPart() != null) {
            assertThat(json.readTree(after.body()).path("sources").path(capability.contextPart()).asText())
                    .isEqualTo("ok");
        }
    }

    /** Calls each capability once: a cold JVM's first call of each kind (class loading, a login) is not measured. */
    void warmUp() throws Exception {
        for (Capability capability : capabilities()) {
            try {
                call(capability);
            } catch (java.net.http.HttpTimeoutException cold) {
                // it was only the warm-up
            }
        }
    }

    /** The capability's request, which must be answered before the client gives up. */
    HttpResponse<String> call(Capability capability) throws Exception {
        String body = capability.body().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port() + capability.path().get()))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + Tokens.forCustomer(capability.subject(), SCOPES))
                .method(capability.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

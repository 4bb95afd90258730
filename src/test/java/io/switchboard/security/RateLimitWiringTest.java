package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.errors.Problems;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The limits as wired into the running hub with their shipped defaults (the local profile without the test
 * profile's lifted limits), behind a trusted proxy (this test's own address) that forwards each client's address:
 * a chat backend speaking for many customers from one address is not refused, a flood of bad credentials from one
 * address is, and only that address.
 */
class RateLimitWiringTest {

    private static final String BACKEND = "198.51.100.10";
    private static final String FLOODER = "203.0.113.66";
    private static final String ADMIN_KEY = "rate-limit-test-admin-key-0123456789";
    private static final int REQUESTS = 1_200;
    private static final int CONCURRENCY = 16;

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local")
                .run("--server.port=0",
                        "--switchboard.local.sandbox.enabled=false",
                        "--switchboard.local.broker.tcp-port=0",
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--camel.main.routes-reload-enabled=false",
                        "--switchboard.security.jwt.secret=" + Tokens.SECRET,
                        "--switchboard.security.bootstrap-admin-key=" + ADMIN_KEY,
                        "--switchboard.security.trusted-proxies=127.0.0.1/32,::1/128");
        port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aBackendSpeakingForManyCustomersFromOneAddressIsNotRefused() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int customer = 0; customer < 120; customer++) {
            tokens.add(Tokens.forCustomer("customer-" + customer, "catalog:read"));
        }

        long started = System.nanoTime();
        Map<Integer, Long> statuses = flood(i -> request("/api/v1/products/IPOD2008GREEN", BACKEND)
                .header("Authorization", "Bearer " + tokens.get(i % tokens.size())).build());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(statuses).as("%d requests in %d ms", REQUESTS, millis).containsOnlyKeys(200);
    }

    @Test
    void aServerToServerKeyIsNotRefusedAtABackendsRate() throws Exception {
        long started = System.nanoTime();
        Map<Integer, Long> statuses = flood(i -> request("/admin/api-keys", BACKEND)
                .header("X-Api-Key", ADMIN_KEY).build());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(statuses).as("%d requests in %d ms", REQUESTS, millis).containsOnlyKeys(200);
    }

    @Test
    void aFloodOfBadCredentialsFromOneAddressIsRefusedAndOnlyThatAddress() throws Exception {
        Map<Integer, Long> statuses = flood(i -> request("/api/v1/orders/1001", FLOODER)
                .header("Authorization", "Bearer not-a-token-" + i).build());

        assertThat(statuses).containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).as("the burst of 100 at least").isGreaterThanOrEqualTo(100);
        assertThat(statuses.get(429)).as(statuses.toString()).isGreaterThan(REQUESTS / 2L);

        HttpResponse<String> refused = refusedWithin(10, () -> request("/api/v1/orders/1001", FLOODER).build());
        assertThat(refused.statusCode()).as("the flooder, once the flood has emptied its bucket").isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"", "\"status\":429");

        HttpResponse<String> refusedKey = refusedWithin(10, () -> request("/admin/api-keys", FLOODER)
                .header("X-Api-Key", "guess").build());
        assertThat(refusedKey.statusCode()).as("the same address guessing API keys").isEqualTo(429);

        assertThat(send(request("/api/v1/orders/1001", "203.0.113.67").build()).statusCode())
                .as("another client address behind the same proxy").isEqualTo(401);
        assertThat(send(request("/api/v1/products/IPOD2008GREEN", FLOODER)
                .header("Authorization", "Bearer " + Tokens.forCustomer("customer-x", "catalog:read")).build())
                .statusCode()).as("valid credentials from the flooding address").isEqualTo(200);
    }

    private HttpRequest.Builder request(String path, String forwardedFor) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", forwardedFor);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends requests one after the other until one is refused, at most {@code tries}: the bucket refills 20 a
     * second, so a request sent just after the flood may find a fresh token; ten in a row cannot all find one.
     */
    private HttpResponse<String> refusedWithin(int tries, Supplier<HttpRequest> request) throws Exception {
        HttpResponse<String> response = send(request.get());
        for (int i = 1; i < tries && response.statusCode() != 429; i++) {
            response = send(request.get());
        }
        return response;
    }

    /** Sends {@link #REQUESTS} requests as fast as {@link #CONCURRENCY} connections go; counts by status. */
    private Map<Integer, Long> flood(IntFunction<HttpRequest> requests) throws Exception {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                inFlight.acquire();
                HttpRequest request = requests.apply(i);
                statuses.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        return -1;
                    } finally {
                        inFlight.release();
                    }
                }, executor));
            }
        } finally {
            executor.shutdown();
        }
        return statuses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }
}

package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The limits as wired into the running hub: by address before authentication, by customer after it. */
class RateLimitWiringTest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAddressLimitComesBeforeAuthenticationAndTheClientLimitAfter() throws Exception {
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9",
                        "--switchboard.security.rate-limits.per-ip.rate=0.001",
                        "--switchboard.security.rate-limits.per-ip.burst=4",
                        "--switchboard.security.rate-limits.per-client.rate=0.001",
                        "--switchboard.security.rate-limits.per-client.burst=1")) {
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
            String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

            List<Integer> statuses = new ArrayList<>();
            statuses.add(get(port, token));   // the customer's one request
            statuses.add(get(port, token));   // the customer's limit
            statuses.add(get(port, null));    // unauthenticated: refused by authentication, not by a limit
            statuses.add(get(port, null));
            statuses.add(get(port, null));    // the address's limit, before authentication

            assertThat(statuses).containsExactly(503, 429, 401, 401, 429);
        }
    }

    private int get(int port, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders/1001"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An integration nobody calls still shows its vendor's true state: the probe finds a vendor that went down within
 * one probe interval ({@code switchboard.health.probes.every}, 3 s in tests), and finds it back; liveness and
 * readiness stay up meanwhile.
 */
@HubTest
class IntegrationHealthTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ProbeProperties probes;

    @AfterEach
    void vendorBack() {
        Sandboxes.reset("zendesk");
    }

    @Test
    void anIdleIntegrationWhoseVendorIsDownIsDownWithinOneProbeInterval() throws Exception {
        Sandboxes.reset("zendesk");
        // the probe calls the vendor's cheap documented endpoint, and finds it up
        await().atMost(probes.every().plus(probes.timeout()).plusSeconds(3)).untilAsserted(() ->
                Sandboxes.server("zendesk").verify(getRequestedFor(urlPathEqualTo("/api/v2/users/me.json"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(zendesk()));

        Sandboxes.stop("zendesk");

        // one interval, plus the probe's own timeout, plus slack for a busy machine
        await().atMost(probes.every().plus(probes.timeout()).plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DOWN".equals(zendesk()));
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        Sandboxes.reset("zendesk");
        await().atMost(probes.every().plus(probes.timeout()).plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> "UP".equals(zendesk()));
    }

    private String zendesk() throws Exception {
        JsonNode health = json.readTree(get("/actuator/health").body());
        return health.path("components").path("integrations").path("components").path("zendesk").path("status")
                .asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

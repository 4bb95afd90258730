package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.bench.LoadDriver.Endpoint;
import io.switchboard.bench.LoadDriver.Phase;
import io.switchboard.bench.LoadDriver.Result;
import io.switchboard.bench.LoadDriver.Sample;
import io.switchboard.bench.LoadDriver.Settings;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The load test's short form ({@code bench/load.sh} runs the long one): a few seconds of the mixed chat workload and
 * signed webhooks through the whole hub. No timings are asserted; what is: no 500 and no server error but the
 * contract's degraded answers (a 503 or 504 upstream_* when the vendors' timeouts run out on a busy machine), every
 * request answered, every accepted conversation event stored and every acknowledged webhook processed, and the
 * database pool and the caches reporting values that make sense.
 */
@HubTest
class LoadSmokeTest {

    private static final String SCOPES = "orders:read customer:read tickets:write kb:read conversations:write";

    @LocalServerPort
    int port;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void mixedLoadGetsNoServerErrorAndLosesNothing() throws Exception {
        // one request of each kind at a time first: the first call of a kind loads classes and opens connections
        Result warm = new LoadDriver(settings(10, 2, 2)).run();
        assertThat(warm.serverErrors() + warm.failures()).as("warm-up: %s", warm.firstBodies).isZero();

        Result result = new LoadDriver(settings(20, 10, 4)).run();

        for (Endpoint endpoint : Endpoint.values()) {
            assertThat(result.answered(endpoint)).as(endpoint.label()).isPositive();
        }
        // the contract's degraded answers (503/504 upstream_*) only when the machine is too busy for the vendor
        // timeouts (the sandboxes share its cores); never a 500 or anything else
        assertThat(result.count(500)).as("500s; first bodies: %s", result.firstBodies).isZero();
        assertThat(result.offContract()).as("other 5xx; first bodies: %s", result.firstBodies).isZero();
        assertThat(result.failures()).as("requests without an answer: %s", result.firstBodies).isZero();
        assertThat(result.shed()).isZero();

        assertThat(result.acceptedEvents).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", result.acceptedEvents), Integer.class))
                .as("accepted conversation events stored").isEqualTo(result.acceptedEvents.size());
        assertThat(result.acknowledgedWebhooks).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM webhook_processed WHERE source = 'acme' AND event_id IN (:ids)",
                new MapSqlParameterSource("ids", result.acknowledgedWebhooks), Integer.class))
                .as("acknowledged webhooks processed").isEqualTo(result.acknowledgedWebhooks.size()));

        // the readings that reached the metrics (one can time out on a busy machine)
        List<Sample> read = result.samples().stream().filter(sample -> sample.values().containsKey("max{switchboard}"))
                .toList();
        assertThat(read).as("metric readings").hasSizeGreaterThan(1);
        Sample last = read.get(read.size() - 1);
        double max = last.get("max{switchboard}");
        assertThat(max).as("pool size").isPositive();
        for (Sample sample : read) {
            assertThat(sample.get("active{switchboard}")).as("connections in use").isBetween(0.0, max);
            assertThat(sample.get("idle{switchboard}")).as("idle connections").isBetween(0.0, max);
            assertThat(sample.get("pending{switchboard}")).as("threads waiting").isGreaterThanOrEqualTo(0.0);
        }
        assertThat(last.get("acquire_seconds_count{switchboard}")).as("connections handed out").isPositive();
        // orders 1001 and 1002, asked again and again: the first of each misses, the rest hit
        // (counted since the hub started, other tests' reads included: compared over the run)
        Sample first = read.get(0);
        double hits = last.get("cache_hit{orders}") - first.get("cache_hit{orders}");
        double misses = last.get("cache_miss{orders}") - first.get("cache_miss{orders}");
        assertThat(hits).as("order cache hits during the run").isPositive();
        assertThat(hits).as("order cache hits against misses during the run").isGreaterThan(misses);
        assertThat(last.get("webhooks_accepted")).as("webhooks accepted").isPositive();
    }

    private Settings settings(double chatRate, double webhookRate, int seconds) {
        return new Settings(URI.create("http://127.0.0.1:" + port), Tokens.verified(Tokens.CUSTOMER, SCOPES),
                Tokens.CUSTOMER, chatRate, webhookRate, List.of(new Phase("smoke", seconds, 1)), Duration.ofSeconds(1),
                "acme", Webhooks.STANDARD_SECRET);
    }
}

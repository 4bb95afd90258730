package io.switchboard.ingress;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import io.switchboard.support.Sandboxes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances sharing one broker and one database, as behind a load balancer: instance A embeds them (the
 * broker also on TCP), instance B connects to A's. Dedupe, processing and cache eviction hold across both.
 */
class TwoInstancesTest {

    @TempDir
    static Path data;

    /** HubSpot's limit in this test, per second, for the whole deployment (the bucket holds one second of it). */
    private static final int HUBSPOT_RATE = 5;

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBoth() throws IOException {
        int brokerPort = freePort();
        int postgresPort = freePort();
        a = new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test").run(
                "--server.port=0",
                "--switchboard.local.broker.tcp-port=" + brokerPort,
                "--switchboard.local.postgres.port=" + postgresPort,
                "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                "--switchboard.vendors.shopify.base-url=" + ShopifySandbox.baseUrl(),
                "--switchboard.vendors.hubspot.base-url=" + Sandboxes.baseUrl("hubspot"),
                "--switchboard.vendors.hubspot.requests-per-second=" + HUBSPOT_RATE);
        b = new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test").run(
                "--server.port=0",
                "--switchboard.local.postgres.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort,
                "--switchboard.vendors.shopify.base-url=" + ShopifySandbox.baseUrl(),
                "--switchboard.vendors.hubspot.base-url=" + Sandboxes.baseUrl("hubspot"),
                "--switchboard.vendors.hubspot.requests-per-second=" + HUBSPOT_RATE);
    }

    @AfterAll
    static void stopBoth() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void bothInstancesTogetherStayWithinTheVendorsLimit() throws Exception {
        Sandboxes.reset("hubspot");
        AtomicInteger served = new AtomicInteger();
        Map<ConfigurableApplicationContext, AtomicInteger> servedBy = Map.of(a, new AtomicInteger(), b, new AtomicInteger());
        long started = System.nanoTime();
        long until = started + Duration.ofSeconds(3).toNanos();
        List<Thread> callers = new ArrayList<>();
        for (ConfigurableApplicationContext instance : List.of(a, b, a, b)) {
            ProducerTemplate producer = instance.getBean(ProducerTemplate.class);
            Thread caller = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try {
                        producer.requestBody("direct:crm.hubspot.customer.get", "207119551");
                        served.incrementAndGet();
                        servedBy.get(instance).incrementAndGet();
                    } catch (RuntimeException rateLimitedOrBusy) {
                        // waited longer than the budget's max-wait: the vendor was not called
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        int sent = Sandboxes.server("hubspot").findAll(getRequestedFor(
                urlPathEqualTo("/crm/v3/objects/contacts/207119551"))).size();
        // a token bucket of one second's worth: at most rate × (1 + elapsed) in any run, whichever instance asks
        assertThat(sent).isLessThanOrEqualTo((int) Math.ceil(HUBSPOT_RATE * (1 + seconds)));
        assertThat(sent).isGreaterThanOrEqualTo(served.get());
        assertThat(servedBy.get(a).get()).isPositive();
        assertThat(servedBy.get(b).get()).isPositive();
    }

    @Test
    void aDeliveryTakenByOneInstanceIsADuplicateAtTheOther() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\"}";

        HttpResponse<String> atA = Webhooks.postStandard(port(a), "acme", id, body);
        HttpResponse<String> atB = Webhooks.postStandard(port(b), "acme", id, body);

        assertThat(json.readTree(atA.body()).path("duplicate").asBoolean()).as(atA.body()).isFalse();
        assertThat(json.readTree(atB.body()).path("duplicate").asBoolean()).as(atB.body()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(id) == 1);
    }

    @Test
    void deliveriesToBothInstancesAreEachAppliedOnce() throws Exception {
        String prefix = "msg_" + UUID.randomUUID() + "_";
        for (int i = 0; i < 40; i++) {
            ConfigurableApplicationContext instance = i % 2 == 0 ? a : b;
            assertThat(Webhooks.postStandard(port(instance), "acme", prefix + i, "{\"type\":\"n" + i + "\"}")
                    .statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc().queryForObject(
                "SELECT count(*) FROM webhook_processed WHERE event_id LIKE ?", Integer.class, prefix + "%") == 40);
        // and their publications have left the outbox for the broker, whichever instance's relay took them
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc().queryForObject("SELECT count(*) FROM event_outbox", Integer.class) == 0);
    }

    @Test
    void anOrderEventEvictsTheOrderFromEveryInstancesCache() throws Exception {
        readOrder(a);
        readOrder(b);
        assertThat(orderCache(a).getIfPresent("1001")).isNotNull();
        assertThat(orderCache(b).getIfPresent("1001")).isNotNull();
        String order = json.readTree(Files.readString(Path.of("sandbox/shopify/__files/orders/1001.json")))
                .path("orders").get(0).toString();

        assertThat(Webhooks.postShopify(port(a), "orders/updated", "wh-" + UUID.randomUUID(), order).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                orderCache(a).getIfPresent("1001") == null && orderCache(b).getIfPresent("1001") == null);
    }

    private void readOrder(ConfigurableApplicationContext instance) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance)
                        + "/api/v1/orders/1001")).header("Authorization", "Bearer "
                        + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, ?> orderCache(ConfigurableApplicationContext instance) {
        return (Cache<String, ?>) instance.getBean("orderCache");
    }

    private static int processed(String id) {
        return jdbc().queryForObject("SELECT count(*) FROM webhook_processed WHERE event_id = ?", Integer.class, id);
    }

    private static JdbcTemplate jdbc() {
        return a.getBean(JdbcTemplate.class);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Tokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub on a broker of its own, reached as in production (a TCP URL that reconnects without end): while it starts,
 * a chat API request is answered 503, never the 404 of a route not registered yet; once started, readiness goes DOWN
 * (503) while the broker is away and UP by itself when it is back, liveness staying UP throughout.
 */
class BrokerReadinessTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void readinessFollowsTheBrokerAndNothingIsAnswered404WhileStarting() throws Exception {
        int brokerPort = freePort();
        int port = freePort();
        EmbeddedActiveMQ broker = broker(brokerPort);
        broker.start();
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test").run(
                        "--server.port=" + port,
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.mode=native",
                        "--spring.artemis.embedded.enabled=false",
                        "--spring.artemis.broker-url=(tcp://127.0.0.1:" + brokerPort
                                + ")?ha=true&reconnectAttempts=-1&retryInterval=200&maxRetryInterval=1000",
                        "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9"));
        ConfigurableApplicationContext hub = null;
        try {
            // an authenticated order read, over and over while the hub starts: refused connections, then 503s
            Map<Integer, Integer> whileStarting = new TreeMap<>();
            while (!starting.isDone()) {
                Integer status = orderRead(port);
                if (status != null) {
                    whileStarting.merge(status, 1, Integer::sum);
                }
                Thread.sleep(10);
            }
            hub = starting.get(0, TimeUnit.SECONDS);
            assertThat(whileStarting).as("answers while the hub was starting").doesNotContainKey(404);

            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

            broker.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(status(port, "/actuator/health/readiness")).as("readiness, broker away")
                            .isEqualTo(503));
            assertThat(status(port, "/actuator/health/liveness")).as("liveness, broker away").isEqualTo(200);

            broker.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(status(port, "/actuator/health/readiness")).as("readiness, broker back")
                            .isEqualTo(200));
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
        } finally {
            if (hub != null) {
                hub.close();
            } else {
                starting.thenAccept(ConfigurableApplicationContext::close);
            }
            broker.stop();
        }
    }

    private Integer orderRead(int port) throws IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders/1001"))
                    .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException notListeningYet) {
            return null;
        }
    }

    private int status(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A plain broker on TCP, as a standalone Artemis is to the hub; nothing kept across its restart. */
    private static EmbeddedActiveMQ broker(int port) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        return broker;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

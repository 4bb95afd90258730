package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub connected to a remote broker with the production URL (reconnecting without end) shuts down while that
 * broker is away: {@link BrokerShutdownCutoff} ends the reconnection, instead of the shutdown waiting for it forever.
 */
class BrokerAwayShutdownTest {

    @TempDir
    Path data;

    @Test
    void aHubShutsDownWhileItsBrokerIsAway() throws Exception {
        int brokerPort = freePort();
        int postgresPort = freePort();
        ConfigurableApplicationContext broker = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test").run("--server.port=0",
                        "--switchboard.local.broker.tcp-port=" + brokerPort,
                        "--switchboard.local.postgres.port=" + postgresPort,
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9");
        try {
            ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                    .profiles("local", "test").run("--server.port=0",
                            "--switchboard.local.postgres.enabled=false",
                            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--spring.artemis.mode=native",
                            "--spring.artemis.embedded.enabled=false",
                            "--spring.artemis.broker-url=(tcp://127.0.0.1:" + brokerPort
                                    + ")?ha=true&reconnectAttempts=-1&retryInterval=200&maxRetryInterval=1000",
                            "--switchboard.shutdown.broker-cutoff=3s",
                            "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9");
            broker.getBean(EmbeddedActiveMQ.class).stop();
            Thread.sleep(2_000);   // the hub's broker users now wait for the reconnection

            CompletableFuture<Void> closed = CompletableFuture.runAsync(hub::close);

            assertThat(closed).as("the hub's shutdown with its broker away")
                    .succeedsWithin(90, TimeUnit.SECONDS);
        } finally {
            broker.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

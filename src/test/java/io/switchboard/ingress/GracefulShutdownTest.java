package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub closed under load, as SIGTERM closes it (Spring's shutdown hook closes the context): the requests in
 * flight are answered, the workers finish the batch in hand (a backlog is waiting), and nothing acknowledged is left
 * half-done. A hub started
 * again on the same broker and database applies the rest: every acknowledged delivery exactly once, its domain event
 * published exactly once (counted on a durable subscription opened before the load).
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {

    private static final String SUBSCRIPTION = "graceful-shutdown-tally";
    private static final int SENDERS = 8;

    @TempDir
    Path data;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHubClosedUnderLoadLeavesNoAcknowledgedDeliveryHalfDone(CapturedOutput output) throws Exception {
        int brokerPort = freePort();
        String prefix = "msg_" + UUID.randomUUID() + "_";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();

        ConfigurableApplicationContext first = start(brokerPort);
        subscribe(brokerPort);
        int port = port(first);
        // a backlog, so that the workers are in the middle of a batch when the hub is closed
        WebhookWorkers workers = first.getBean(WebhookWorkers.class);
        workers.stop();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        for (int s = 0; s < SENDERS; s++) {
            senders.execute(() -> {
                while (refused.get() < SENDERS * 5) {
                    String id = prefix + next.getAndIncrement();
                    try {
                        HttpResponse<String> response = Webhooks.postStandard(port, "acme", id,
                                "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"" + id + "\"}}");
                        if (response.statusCode() == 200) {
                            acknowledged.add(id);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception connectionRefused) {
                        refused.incrementAndGet();
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 1_000);
        int outputBefore = output.length();
        workers.start();
        Thread.sleep(200);
        first.close();   // what the shutdown hook does on SIGTERM
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        String shutdownLog = output.toString().substring(outputBefore);

        assertThat(shutdownLog).as("no worker's batch cut off by the shutdown")
                .doesNotContain("Webhook worker on").doesNotContain("Outbox relay failed");

        try (ConfigurableApplicationContext second = start(brokerPort)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(jdbc, prefix).containsAll(acknowledged));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM event_outbox", Integer.class) == 0);

            Map<String, Long> published = drain(brokerPort).stream()
                    .filter(id -> id.startsWith(prefix))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(published.keySet()).as("every acknowledged delivery's event published")
                    .containsAll(acknowledged);
            assertThat(published.entrySet().stream().filter(event -> event.getValue() > 1).map(Map.Entry::getKey))
                    .as("events published twice, of %d acknowledged", acknowledged.size()).isEmpty();
        }
    }

    private static Set<String> applied(JdbcTemplate jdbc, String prefix) {
        return Set.copyOf(jdbc.queryForList("SELECT event_id FROM webhook_processed WHERE event_id LIKE ?",
                String.class, prefix + "%"));
    }

    /** A durable subscription to the domain events, kept by the broker across the restart. */
    private static void subscribe(int brokerPort) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
             Connection connection = factory.createConnection()) {
            connection.setClientID(SUBSCRIPTION);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic("switchboard.events"), SUBSCRIPTION).close();
        }
    }

    /** The ids of the events waiting on the subscription. */
    private List<String> drain(int brokerPort) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
             Connection connection = factory.createConnection()) {
            connection.setClientID(SUBSCRIPTION);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createDurableSubscriber(session.createTopic("switchboard.events"),
                    SUBSCRIPTION);
            connection.start();
            Message message;
            while ((message = subscriber.receive(3000)) != null) {
                ids.add(json.readTree(((TextMessage) message).getText()).path("id").asText());
            }
        }
        return ids;
    }

    private ConfigurableApplicationContext start(int brokerPort) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.local.broker.tcp-port=" + brokerPort,
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9");
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

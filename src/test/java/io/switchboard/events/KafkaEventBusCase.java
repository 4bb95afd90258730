package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.support.KafkaBroker;
import io.switchboard.support.SwitchedHub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub of {@link KafkaEventBusTest} ({@code switchboard.events.bus=kafka} on the test broker, its data in a folder
 * of the test's), started once for both of its concerns, and what they share: a subscriber (a JDK HTTP server in the
 * test) started before each test with the hub's subscriptions cleared after it, the test's domain events published
 * through the hub's own outbox, and the fan-out's table.
 */
abstract class KafkaEventBusCase {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    static ConfigurableApplicationContext hub;
    static int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;
    JdbcTemplate jdbc;

    static void startHubOnKafka(Path data) {
        hub = SwitchedHub.start(data, "switchboard.events.bus=kafka",
                "switchboard.events.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers());
        port = SwitchedHub.port(hub);
    }

    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void startSubscriber() throws Exception {
        jdbc = hub.getBean(JdbcTemplate.class);
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        subscriber.start();
    }

    @AfterEach
    void stopSubscriber() {
        subscriber.stop(0);
        jdbc.update("DELETE FROM webhook_subscriptions");
    }

    /** When the fan-out's INSERT that waits for the test's lock began, or null when none waits. */
    java.sql.Timestamp waitingFanOut() {
        return jdbc.query("SELECT query_start FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO subscriber_deliveries%' ORDER BY query_start DESC LIMIT 1",
                rs -> rs.next() ? rs.getTimestamp(1) : null);
    }

    DomainEvent event(String subject, int seq) {
        return DomainEvent.of("evt_" + UUID.randomUUID(), "/switchboard/tests", "order.status_changed", subject,
                Instant.now(), null, json.createObjectNode().put("orderNumber", subject).put("seq", seq));
    }

    /** Through the hub's own outbox, as its changes publish them: the relay carries them to Kafka. */
    void publish(List<DomainEvent> events) {
        DomainEvents domainEvents = hub.getBean(DomainEvents.class);
        List<Publication> publications = events.stream().map(domainEvents::publication).toList();
        hub.getBean(EventOutbox.class).commit(() -> { }, publications);
    }

    int seq(String body) {
        try {
            return json.readTree(body).path("data").path("seq").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] ids(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::id).toArray(String[]::new);
    }

    int deliveries(List<DomainEvent> events) {
        return jdbc.queryForObject("SELECT count(DISTINCT event_id) FROM subscriber_deliveries WHERE event_id = ANY (?)",
                Integer.class, (Object) ids(events));
    }

    /** The route the domain-events-kafka template made for the subscribers: the Kafka consumer itself. */
    static String kafkaConsumerRoute(CamelContext camel) {
        List<Route> consumers = camel.getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith("kafka:")
                        && route.getEndpoint().getEndpointUri().contains("groupId=switchboard-subscribers")).toList();
        assertThat(consumers).hasSize(1);
        return consumers.get(0).getRouteId();
    }

    void subscribe(String eventTypes) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/subscriptions"))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kafka test\",\"url\":\"http://127.0.0.1:"
                        + subscriber.getAddress().getPort() + "/hook\",\"eventTypes\":" + eventTypes + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}

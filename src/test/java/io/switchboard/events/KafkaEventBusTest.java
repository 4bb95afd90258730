package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.support.KafkaBroker;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.SwitchedHub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code switchboard.events.bus=kafka} against a real Kafka broker (KRaft, {@link KafkaBroker}): the hub's domain
 * events reach a subscriber through Kafka, each record keyed by its event's subject and one subject's events in
 * order; the subscribers' consumer group ({@code switchboard-subscribers}, routes/events/subscriber-fan-out.camel.yaml
 * through the {@code domain-events-kafka} template) commits a record only after it was applied, takes a record
 * whose applying failed again, and a consumer stopped mid-way and started again loses no event and applies none
 * twice. The fan-out is held up by a lock the test takes on its table, and failed by cancelling its statement.
 */
class KafkaEventBusTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final String TOPIC = "switchboard.events";
    private static final String GROUP = "switchboard-subscribers";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;
    private static int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;
    private JdbcTemplate jdbc;

    @BeforeAll
    static void startHubOnKafka() {
        hub = SwitchedHub.start(data, "switchboard.events.bus=kafka",
                "switchboard.events.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers());
        port = SwitchedHub.port(hub);
    }

    @AfterAll
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

    @Test
    void anInquiryReachesTheSubscriberThroughKafkaKeyedByItsSubjectAndIsCommittedOnceApplied() throws Exception {
        subscribe("[\"inquiry.received\"]");
        String conversation = "conv-kafka-" + UUID.randomUUID();

        String eventId = new PrivacyClient(port, ADMIN_KEY).message("cust-kafka-1", conversation, "Where is it?");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(b -> b.contains(conversation)));
        JsonNode delivered = json.readTree(received.stream().filter(b -> b.contains(conversation)).findFirst()
                .orElseThrow());
        assertThat(delivered.path("type").asText()).isEqualTo("inquiry.received");
        assertThat(delivered.path("subject").asText()).isEqualTo(conversation);

        ConsumerRecord<String, String> record = records(r -> r.value().contains(conversation), 1).get(0);
        assertThat(record.key()).as("the record key is the event's subject").isEqualTo(conversation);
        assertThat(json.readTree(record.value()).path("id").asText()).isEqualTo(delivered.path("id").asText());
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        assertThat(eventId).isNotBlank();
        TopicPartition partition = new TopicPartition(TOPIC, record.partition());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed().getOrDefault(partition, -1L) > record.offset());
    }

    @Test
    void eachSubjectsEventsComeInOrderAndNoneIsCommittedBeforeItIsApplied() throws Exception {
        subscribe("[\"*\"]");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = List.of("order-a-" + run, "order-b-" + run, "order-c-" + run);
        List<DomainEvent> events = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            for (String subject : subjects) {
                events.add(event(subject, seq));
            }
        }

        Map<TopicPartition, Long> before = lag();
        try (Connection lock = hub.getBean(DataSource.class).getConnection()) {
            // the fan-out's INSERTs wait: the consumer holds its first record, applied by nobody yet
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE subscriber_deliveries IN SHARE MODE");

            publish(events);

            List<ConsumerRecord<String, String>> records = records(r -> r.value().contains(run), events.size());
            Map<String, List<ConsumerRecord<String, String>>> bySubject = records.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new, Collectors.toList()));
            assertThat(bySubject.keySet()).containsExactlyInAnyOrderElementsOf(subjects);
            for (String subject : subjects) {
                List<ConsumerRecord<String, String>> ofSubject = bySubject.get(subject);
                assertThat(ofSubject.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
                assertThat(ofSubject.stream().map(r -> seq(r.value())).toList())
                        .as("%s's events in the order they were published", subject)
                        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            }
            // longer than a consumer's auto-commit interval (5 s): nothing applied, so nothing committed
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                    totalLag() - sum(before) >= events.size() && deliveries(events) == 0);
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(events) == events.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> totalLag() == 0);
        assertThat(deliveries(events)).isEqualTo(events.size());
    }

    @Test
    void anEventWhoseApplyingFailsIsNotCommittedAndIsTakenAgain() throws Exception {
        subscribe("[\"*\"]");
        DomainEvent event = event("order-f-" + UUID.randomUUID().toString().substring(0, 8), 0);

        ConsumerRecord<String, String> record;
        try (Connection lock = hub.getBean(DataSource.class).getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE subscriber_deliveries IN SHARE MODE");
            publish(List.of(event));
            record = records(r -> r.value().contains(event.id()), 1).get(0);
            TopicPartition partition = new TopicPartition(TOPIC, record.partition());

            // the fan-out's INSERT waits for the lock; cancelled, it fails the route
            java.sql.Timestamp waiting = await().atMost(Duration.ofSeconds(10)).until(this::waitingFanOut,
                    java.util.Objects::nonNull);
            jdbc.queryForList("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'INSERT INTO subscriber_deliveries%'");

            // the record is taken again (a new INSERT waits), and its offset was not committed meanwhile
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                java.sql.Timestamp again = waitingFanOut();
                return again != null && again.after(waiting);
            });
            assertThat(committed().getOrDefault(partition, 0L)).isLessThanOrEqualTo(record.offset());
            assertThat(deliveries(List.of(event))).isZero();
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(List.of(event)) == 1);
        TopicPartition partition = new TopicPartition(TOPIC, record.partition());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed().getOrDefault(partition, 0L) > record.offset());
    }

    /** When the fan-out's INSERT that waits for the test's lock began, or null when none waits. */
    private java.sql.Timestamp waitingFanOut() {
        return jdbc.query("SELECT query_start FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO subscriber_deliveries%' ORDER BY query_start DESC LIMIT 1",
                rs -> rs.next() ? rs.getTimestamp(1) : null);
    }

    @Test
    void aConsumerStoppedMidwayAndStartedAgainLosesNoEventAndAppliesNoneTwice() throws Exception {
        subscribe("[\"*\"]");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<DomainEvent> first = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            first.add(event("order-r-" + run + "-" + seq % 2, seq));
        }
        CamelContext camel = hub.getBean(CamelContext.class);
        String consumer = kafkaConsumerRoute(camel);

        CompletableFuture<Void> stopped;
        try (Connection lock = hub.getBean(DataSource.class).getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE subscriber_deliveries IN SHARE MODE");
            publish(first);
            records(r -> r.value().contains(run), first.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> totalLag() >= first.size()
                    && camel.getInflightRepository().size(consumer) == 1);

            // the consumer is told to stop while its first record is being applied, the rest of its poll not taken
            stopped = CompletableFuture.runAsync(() -> {
                try {
                    camel.getRouteController().stopRoute(consumer, 30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);   // the stop begins: it waits for the record in flight
            lock.rollback();
        }
        stopped.get(60, TimeUnit.SECONDS);
        // a graceful stop finishes what the consumer holds; the record in flight at least
        assertThat(deliveries(first)).isBetween(1, first.size());

        List<DomainEvent> whileStopped = new ArrayList<>();
        for (int seq = 10; seq < 20; seq++) {
            whileStopped.add(event("order-r-" + run + "-" + seq % 2, seq));
        }
        publish(whileStopped);
        records(r -> r.value().contains(run), first.size() + whileStopped.size());
        assertThat(deliveries(whileStopped)).as("nothing consumes while the consumer is stopped").isZero();

        camel.getRouteController().startRoute(consumer);

        List<DomainEvent> all = new ArrayList<>(first);
        all.addAll(whileStopped);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(all) == all.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> totalLag() == 0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber_deliveries WHERE event_id = ANY (?)",
                Integer.class, (Object) ids(all))).as("each event applied once").isEqualTo(all.size());
    }

    private DomainEvent event(String subject, int seq) {
        return DomainEvent.of("evt_" + UUID.randomUUID(), "/switchboard/tests", "order.status_changed", subject,
                Instant.now(), null, json.createObjectNode().put("orderNumber", subject).put("seq", seq));
    }

    /** Through the hub's own outbox, as its changes publish them: the relay carries them to Kafka. */
    private void publish(List<DomainEvent> events) {
        DomainEvents domainEvents = hub.getBean(DomainEvents.class);
        List<Publication> publications = events.stream().map(domainEvents::publication).toList();
        hub.getBean(EventOutbox.class).commit(() -> { }, publications);
    }

    private int seq(String body) {
        try {
            return json.readTree(body).path("data").path("seq").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] ids(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::id).toArray(String[]::new);
    }

    private int deliveries(List<DomainEvent> events) {
        return jdbc.queryForObject("SELECT count(DISTINCT event_id) FROM subscriber_deliveries WHERE event_id = ANY (?)",
                Integer.class, (Object) ids(events));
    }

    /** The route the domain-events-kafka template made for the subscribers: the Kafka consumer itself. */
    private static String kafkaConsumerRoute(CamelContext camel) {
        List<Route> consumers = camel.getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith("kafka:")
                        && route.getEndpoint().getEndpointUri().contains("groupId=switchboard-subscribers")).toList();
        assertThat(consumers).hasSize(1);
        return consumers.get(0).getRouteId();
    }

    /** Reads the topic from its start in a group of the test's own, until {@code count} records match. */
    private List<ConsumerRecord<String, String>> records(java.util.function.Predicate<ConsumerRecord<String, String>>
                                                                 matching, int count) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        settings.put("group.id", "test-reader-" + UUID.randomUUID());
        settings.put("auto.offset.reset", "earliest");
        settings.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            reader.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        assertThat(found).as("records on the topic").hasSize(count);
        found.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
        return found;
    }

    /** The subscribers' group's committed offset per partition. */
    private static Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, offset == null ? 0 : offset.offset()));
            return committed;
        }
    }

    /** Per partition of the topic: records the subscribers' group has not committed. */
    private static Map<TopicPartition, Long> lag() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(TOPIC).partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
            Map<TopicPartition, Long> committed = committed();
            Map<TopicPartition, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> lag.put(partition, end - committed.getOrDefault(partition, 0L)));
            return lag;
        }
    }

    private static long totalLag() throws Exception {
        return sum(lag());
    }

    private static long sum(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    private void subscribe(String eventTypes) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/subscriptions"))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kafka test\",\"url\":\"http://127.0.0.1:"
                        + subscriber.getAddress().getPort() + "/hook\",\"eventTypes\":" + eventTypes + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}

package io.switchboard.events;

import static io.switchboard.events.SubscriberTopic.TOPIC;
import static io.switchboard.events.SubscriberTopic.committed;
import static io.switchboard.events.SubscriberTopic.records;
import static io.switchboard.events.SubscriberTopic.totalLag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Domain events through Kafka when applying them fails or stops: a record whose applying failed (its fan-out
 * statement cancelled) is not committed and is taken again, and a consumer stopped mid-way and started again loses no
 * event and applies none twice. Run by {@link KafkaEventBusTest} on its hub.
 */
abstract class KafkaEventRecovery extends KafkaEventBusCase {

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
}

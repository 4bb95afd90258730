package io.switchboard.events;

import io.switchboard.messaging.BackgroundLoop;
import io.switchboard.messaging.TransactedSession;
import io.switchboard.tracing.TraceParent;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to their broker topics: rows are locked ({@code FOR UPDATE SKIP LOCKED}, so instances share the
 * work), published in one broker transaction, and deleted in the database transaction that committed only after the
 * broker did. A crash in between publishes a row twice, never zero times; events carry their id for consumers
 * to dedupe. Woken by each commit, and polling as a safety net; after a turn that moved rows it lingers
 * ({@code switchboard.webhooks.outbox-linger}), so that under load a turn moves many rows. A row whose topic is
 * {@code queue:<name>} goes to that queue instead: how a database transaction hands work to a job ({@link #queue}).
 * With {@code switchboard.events.bus=kafka}, the rows of {@code switchboard.events} (the domain events) go to Kafka
 * instead ({@link KafkaEventBus}), deleted only after Kafka acknowledged them; they move on a thread of their own (a
 * {@link Lane}), so that Kafka being away holds up neither the cache evictions nor the job queues.
 */
@Component
public class OutboxRelay extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    /**
     * Between sweeps from the start of the table, the relay reads only rows after the last one it published, so that
     * it does not walk the index entries of the rows it deleted, thousands a second under load, on every turn. A row
     * that commits after a later one (ids are taken before commit) is picked up by the next sweep.
     */
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String QUEUE = "queue:";

    /** The message property that says what a message of {@code switchboard.events} is (the row's format). */
    public static final String FORMAT_PROPERTY = "eventFormat";

    private record Row(long id, String topic, String body, String eventSource, String eventType,
                       String traceparent, String format) {
    }

    /** The rows one thread of the relay moves, to Artemis or to Kafka, with its own wake-ups and sweep cursor. */
    private static final class Lane {
        final String name;
        /** Which rows: a condition on {@code topic}. */
        final String rows;
        final boolean toKafka;
        final Semaphore work = new Semaphore(0);
        /** The id of the last row published since the last sweep (the lane's own thread only). */
        long published;

        Lane(String name, String rows, boolean toKafka) {
            this.name = name;
            this.rows = rows;
            this.toKafka = toKafka;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionFactory connections;
    private final long lingerMillis;
    /** Where the domain events go instead of the Artemis topic; null when the bus is Artemis. */
    private final KafkaEventBus kafka;
    private final List<Lane> lanes;
    private final AtomicInteger nextLane = new AtomicInteger();

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory connections,
                       @Value("${switchboard.webhooks.outbox-linger:20ms}") Duration linger,
                       ObjectProvider<KafkaEventBus> kafka) {
        super("outbox-relay", kafka.getIfAvailable() == null ? 1 : 2);
        this.kafka = kafka.getIfAvailable();
        String domainEvents = "topic = '" + DomainEvents.TOPIC + "'";
        this.lanes = this.kafka == null ? List.of(new Lane("artemis", "TRUE", false))
                : List.of(new Lane("artemis", "NOT (" + domainEvents + ")", false), new Lane("kafka", domainEvents, true));
        this.lingerMillis = linger.toMillis();
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.connections = connections;
    }

    public void wake() {
        lanes.forEach(lane -> lane.work.release());
    }

    /** The outbox destination that is the queue {@code name} rather than a topic. */
    public static String queue(String name) {
        return QUEUE + name;
    }

    @Override
    protected void work() {
        Lane lane = lanes.get(nextLane.getAndIncrement() % lanes.size());
        TransactedSession transacted = new TransactedSession(connections);
        long lastSweep = 0;
        while (isRunning()) {
            try {
                lane.work.tryAcquire(500, TimeUnit.MILLISECONDS);
                lane.work.drainPermits();
                if (System.nanoTime() - lastSweep > SWEEP_EVERY_NANOS) {
                    lastSweep = System.nanoTime();
                    lane.published = 0;
                }
                Session current = lane.toKafka ? null : transacted.get();
                int moved;
                do {
                    moved = transaction.execute(status -> publishBatch(lane, current));
                } while (moved == BATCH && isRunning());
                if (moved > 0) {
                    pause(lingerMillis);   // under load, the next turn finds more rows waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JMSException | RuntimeException e) {
                log.warn("Outbox relay to {} failed, retrying: {}", lane.name, e.toString());
                // from the oldest row again: the failed batch goes before any row staged after it
                lane.published = 0;
                transacted.reset();
                pause(500);
            }
        }
        transacted.close();
    }

    private int publishBatch(Lane lane, Session session) {
        List<Row> rows = jdbc.query("SELECT id, topic, body, event_source, event_type, traceparent, event_format"
                        + " FROM event_outbox WHERE id > ? AND " + lane.rows + " ORDER BY id LIMIT " + BATCH
                        + " FOR UPDATE SKIP LOCKED",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)),
                lane.published);
        if (rows.isEmpty()) {
            return 0;
        }
        lane.published = rows.get(rows.size() - 1).id();
        if (lane.toKafka) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Row row : rows) {
                sent.add(kafka.send(row.body(), row.traceparent(), row.format()));
            }
            kafka.awaitAcks(sent);
        } else {
            publishToArtemis(session, rows);
        }
        jdbc.batchUpdate("DELETE FROM event_outbox WHERE id = ?", rows.stream().map(r -> new Object[] {r.id()}).toList());
        return rows.size();
    }

    private static void publishToArtemis(Session session, List<Row> rows) {
        Map<String, MessageProducer> producers = new HashMap<>();
        try {
            for (Row row : rows) {
                MessageProducer producer = producers.get(row.topic());
                if (producer == null) {
                    Destination destination = row.topic().startsWith(QUEUE)
                            ? session.createQueue(row.topic().substring(QUEUE.length()))
                            : session.createTopic(row.topic());
                    producer = session.createProducer(destination);
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    producers.put(row.topic(), producer);
                }
                TextMessage message = session.createTextMessage(row.body());
                if (row.eventSource() != null) {
                    message.setStringProperty("eventSource", row.eventSource());
                }
                if (row.eventType() != null) {
                    message.setStringProperty("eventType", row.eventType());
                }
                if (row.traceparent() != null) {
                    message.setStringProperty(TraceParent.PROPERTY, row.traceparent());
                }
                if (row.format() != null) {
                    message.setStringProperty(FORMAT_PROPERTY, row.format());
                }
                producer.send(message);
            }
            session.commit();
            for (MessageProducer producer : producers.values()) {
                producer.close();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("broker refused outbox publications", e);
        }
    }

    @Override
    protected void stopping() {
        wake();
    }
}

package io.switchboard.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard_queue_messages{queue,dead_letter}}: messages waiting in every broker queue the hub owns (each
 * webhook source's and each job's, and their dead-letter queues), and in each durable subscription its routes hold
 * on a topic (the domain events' consumers, {@link TopicSubscriptions}; their gauges appear once the application is
 * ready, when every route has been created). Asked of the broker with management messages ({@link BrokerManagement})
 * on scrape, at most once per {@code switchboard.metrics.queue-depth-every}; a queue the broker does not have yet
 * holds 0 messages, and a broker that does not answer leaves the gauges at NaN.
 */
@Component
public class QueueDepths implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    private final ConnectionFactory connections;
    private final RetryingQueues queues;
    private final TopicSubscriptions subscriptions;
    private final Duration every;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private volatile List<String> subscribed = List.of();
    private final Clock clock = Clock.systemUTC();
    private Map<String, Long> depths = Map.of();
    private Instant readAt = Instant.MIN;

    public QueueDepths(ConnectionFactory connections, RetryingQueues queues, TopicSubscriptions subscriptions,
                       @Value("${switchboard.metrics.queue-depth-every:10s}") Duration every) {
        this.connections = connections;
        this.queues = queues;
        this.subscriptions = subscriptions;
        this.every = every;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        for (RetryingQueues.Retrying queue : queues.all()) {
            gauge(registry, queue.queue(), false);
            gauge(registry, queue.deadLetters(), true);
        }
    }

    /** The subscriptions are known once the routes exist; the queues above are declared before. */
    @EventListener(ApplicationReadyEvent.class)
    public void bindSubscriptions() {
        subscribed = subscriptions.names();
        for (MeterRegistry registry : registries) {
            subscribed.forEach(subscription -> gauge(registry, subscription, false));
        }
    }

    private void gauge(MeterRegistry registry, String queue, boolean deadLetter) {
        Gauge.builder("switchboard.queue.messages", this, depths -> depths.depth(queue))
                .tag("queue", queue).tag("dead_letter", String.valueOf(deadLetter))
                .description("Messages waiting in the hub's broker queue").register(registry);
    }

    double depth(String queue) {
        Long depth = current().get(queue);
        return depth == null ? Double.NaN : depth;
    }

    /** A queue's depth as last asked of the broker (at most {@code queue-depth-every} old); 0 for one it has not. */
    public long messages(String queue) {
        return current().getOrDefault(queue, 0L);
    }

    private synchronized Map<String, Long> current() {
        Instant now = clock.instant();
        if (readAt.plus(every).isBefore(now)) {
            readAt = now;
            try {
                depths = read();
            } catch (JMSException | RuntimeException e) {
                log.warn("Queue depths unavailable: {}", e.toString());
                depths = Map.of();
            }
        }
        return depths;
    }

    private Map<String, Long> read() throws JMSException {
        Map<String, Long> read = new HashMap<>();
        try (BrokerManagement management = BrokerManagement.open(connections)) {
            for (String name : names()) {
                Object count = management.attribute(ResourceNames.QUEUE + name, "messageCount");
                read.put(name, count instanceof Number number ? number.longValue() : 0L);
            }
        }
        return read;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (RetryingQueues.Retrying queue : queues.all()) {
            names.add(queue.queue());
            names.add(queue.deadLetters());
        }
        names.addAll(subscribed);
        return names;
    }
}

package io.switchboard.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a webhook event exactly once in effect. The processing route stages what the event publishes
 * ({@link #stage}); {@link #commit} then records the event as applied and its publications in one PostgreSQL
 * transaction, and {@link OutboxRelay} carries the publications to the broker. A copy of an event already applied
 * commits nothing.
 */
@Component("eventOutbox")
public class EventOutbox {

    /** A message to publish on a topic. */
    public record Publication(String topic, String body, String eventSource, String eventType) {
    }

    private static final String STAGED = "switchboardOutbox";
    private static final String EVENT = "event";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OutboxRelay relay;

    public EventOutbox(JdbcTemplate jdbc, TransactionTemplate transaction, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.relay = relay;
    }

    /** Stages the message body for {@code topic}; nothing is published unless {@link #commit} succeeds. */
    @SuppressWarnings("unchecked")
    public void stage(Exchange exchange, String topic) {
        List<Publication> staged = exchange.getProperty(STAGED, List.class);
        if (staged == null) {
            staged = new ArrayList<>();
            exchange.setProperty(STAGED, staged);
        }
        CanonicalEvent event = exchange.getProperty(EVENT, CanonicalEvent.class);
        staged.add(new Publication(topic, exchange.getMessage().getBody(String.class),
                event == null ? null : event.source(), event == null ? null : event.type()));
    }

    /**
     * Records the exchange's event (property {@code event}) as applied together with its staged publications.
     *
     * @return false when the event had already been applied, and nothing was recorded
     */
    @SuppressWarnings("unchecked")
    public boolean commit(Exchange exchange) {
        CanonicalEvent event = exchange.getProperty(EVENT, CanonicalEvent.class);
        List<Publication> staged = exchange.getProperty(STAGED, List.class);
        boolean applied = Boolean.TRUE.equals(transaction.execute(status -> {
            int inserted = jdbc.update(
                    "INSERT INTO webhook_processed (source, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.source(), event.id());
            if (inserted == 0) {
                return false;
            }
            if (staged != null) {
                insert(staged);
            }
            return true;
        }));
        return applied;
    }

    /**
     * What the hub itself decided (a job's outcome): {@code change} (the decision in the hub's own tables) and its
     * publications are written in one transaction, then relayed like a webhook event's.
     */
    public void commit(Runnable change, List<Publication> publications) {
        transaction.executeWithoutResult(status -> {
            change.run();
            insert(publications);
        });
    }

    /** Inserts the rows, and wakes the relay once they are committed (with an enclosing transaction, after it). */
    private void insert(List<Publication> publications) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
        jdbc.batchUpdate("INSERT INTO event_outbox (topic, body, event_source, event_type) VALUES (?, ?, ?, ?)",
                publications.stream().map(p -> new Object[] {p.topic(), p.body(), p.eventSource(), p.eventType()})
                        .toList());
    }
}

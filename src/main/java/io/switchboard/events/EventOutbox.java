package io.switchboard.events;

import io.switchboard.tracing.TraceParent;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What events publish, written to PostgreSQL in the transaction that records them, and carried to the broker by
 * {@link OutboxRelay} after it commits: an event recorded as applied always has its publications, whatever crashes
 * when. The webhook process route stages an event's publications on its exchange ({@link #stage}); the worker that
 * applies a batch writes them all at once ({@link #write}).
 */
@Component("eventOutbox")
public class EventOutbox {

    /** {@code format} of a domain event of the catalog (a CloudEvent). */
    public static final String CLOUD_EVENT = "cloudevents";
    /** {@code format} of a vendor's event as received, published beside the domain events. */
    public static final String AS_RECEIVED = "vendor";

    /**
     * A message to publish on a topic, in the trace it was staged in ({@code traceparent}; null: the trace current
     * when it is written).
     *
     * @param format on {@code switchboard.events}, {@link #CLOUD_EVENT} or {@link #AS_RECEIVED} (the message property
     *               {@code eventFormat}); null for other messages
     */
    public record Publication(String topic, String body, String eventSource, String eventType, String format,
                              String traceparent) {

        /** A message that is no event of {@code switchboard.events} (a cache eviction, a job's message). */
        public Publication(String topic, String body, String eventSource, String eventType) {
            this(topic, body, eventSource, eventType, null, null);
        }

        /** A domain event of the catalog, as JSON. */
        public static Publication cloudEvent(String topic, String json, String source, String type) {
            return new Publication(topic, json, source, type, CLOUD_EVENT, null);
        }

        Publication traced(String current) {
            return traceparent != null || current == null ? this
                    : new Publication(topic, body, eventSource, eventType, format, current);
        }
    }

    private static final String STAGED = "switchboardOutbox";
    /** The exchange property in which the webhook process route keeps the canonical event it publishes. */
    public static final String EVENT = "event";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OutboxRelay relay;
    private final TraceParent traceParent;

    public EventOutbox(JdbcTemplate jdbc, TransactionTemplate transaction, OutboxRelay relay, TraceParent traceParent) {
        this.traceParent = traceParent;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.relay = relay;
    }

    /** Stages the message body for {@code topic}, as a publication of the exchange's event (property {@code event}). */
    public void stage(Exchange exchange, String topic) {
        stage(exchange, topic, null);
    }

    /** Stages the message body, the vendor's event as received, for {@code topic} (format {@link #AS_RECEIVED}). */
    public void stageAsReceived(Exchange exchange, String topic) {
        stage(exchange, topic, AS_RECEIVED);
    }

    @SuppressWarnings("unchecked")
    private void stage(Exchange exchange, String topic, String format) {
        List<Publication> staged = exchange.getProperty(STAGED, List.class);
        if (staged == null) {
            staged = new ArrayList<>();
            exchange.setProperty(STAGED, staged);
        }
        CanonicalEvent event = event(exchange);
        staged.add(new Publication(topic, text(exchange.getMessage()), event == null ? null : event.source(),
                event == null ? null : event.type(), format, traceParent.current()));
    }

    /** Stages a publication made elsewhere (a domain event of the exchange's event), after those staged before. */
    @SuppressWarnings("unchecked")
    public void stage(Exchange exchange, Publication publication) {
        List<Publication> staged = exchange.getProperty(STAGED, List.class);
        if (staged == null) {
            staged = new ArrayList<>();
            exchange.setProperty(STAGED, staged);
        }
        // a webhook's publications are written for its whole batch, after each delivery's trace has ended
        staged.add(publication.traced(traceParent.current()));
    }

    /**
     * The body as text. What the routes marshal to JSON arrives as a stream of UTF-8 bytes, which Camel's own
     * conversion to text reads through a Reader; read as bytes it costs a copy.
     */
    private static String text(Message message) {
        Object body = message.getBody();
        if (body == null || body instanceof String) {
            return (String) body;
        }
        byte[] bytes = message.getBody(byte[].class);
        return bytes == null ? message.getBody(String.class) : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The exchange's event (property {@link #EVENT}). */
    public static CanonicalEvent event(Exchange exchange) {
        return exchange.getProperty(EVENT, CanonicalEvent.class);
    }

    /** What {@link #stage} staged on the exchange, in order. */
    @SuppressWarnings("unchecked")
    public static List<Publication> staged(Exchange exchange) {
        List<Publication> staged = exchange.getProperty(STAGED, List.class);
        return staged == null ? List.of() : staged;
    }

    /**
     * What the hub itself decided (a job's outcome): {@code change} (the decision in the hub's own tables) and its
     * publications are written in one transaction, then relayed like a webhook event's.
     */
    public void commit(Runnable change, List<Publication> publications) {
        transaction.executeWithoutResult(status -> {
            change.run();
            write(publications);
        });
    }

    /**
     * Writes the publications in the caller's transaction, in one statement, and wakes the relay once they are
     * committed (with an enclosing transaction, after it).
     */
    public void write(List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
        String trace = traceParent.current();
        List<Publication> traced = publications.stream().map(publication -> publication.traced(trace)).toList();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO event_outbox (topic, body, "
                    + "event_source, event_type, traceparent, event_format) SELECT * FROM unnest(?::text[], ?::text[],"
                    + " ?::text[], ?::text[], ?::text[], ?::text[])");
            insert.setArray(1, connection.createArrayOf("text", column(traced, Publication::topic)));
            insert.setArray(2, connection.createArrayOf("text", column(traced, Publication::body)));
            insert.setArray(3, connection.createArrayOf("text", column(traced, Publication::eventSource)));
            insert.setArray(4, connection.createArrayOf("text", column(traced, Publication::eventType)));
            insert.setArray(5, connection.createArrayOf("text", column(traced, Publication::traceparent)));
            insert.setArray(6, connection.createArrayOf("text", column(traced, Publication::format)));
            return insert;
        });
    }

    private static Object[] column(List<Publication> publications, Function<Publication, String> field) {
        return publications.stream().map(field).toArray();
    }
}

package io.switchboard.reactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reactions' ledger in PostgreSQL ({@code reaction_jobs}), which makes each reaction happen once per event:
 * <ul>
 * <li>{@link #enqueue}: the event's reactions and their jobs written in one transaction, once per event and
 * reaction however often the event comes (a redelivered message, the relay publishing twice after a crash);</li>
 * <li>{@link #claim}: a worker holds the reaction for {@code switchboard.jobs.reaction.claim-for} before it acts;
 * one done already is not run again (a redelivered or replayed job);</li>
 * <li>{@link #done}: done, in one transaction with what the reaction published (an eviction, a notification), so
 * that those happen exactly once; a vendor call that took effect and then lost its answer is the one thing a
 * retry may repeat.</li>
 * </ul>
 * Counted as {@code switchboard_reactions_total{reaction,outcome=done|repeated|gone}}.
 */
@Component("reactionJobs")
public class ReactionJobs {

    /** A job of one event and reaction: its key, the reaction's name and the event. */
    public record Claimed(String id, String reaction, DomainEvent event) {
    }

    /** Another worker holds the reaction right now: this copy of the job is retried later. */
    public static class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String id) {
            super("reaction " + id + " is being run by another worker");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReactionJobs.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final DomainEvents events;
    private final JobQueue queue;
    private final ReactionProperties settings;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ReactionJobs(JdbcTemplate jdbc, TransactionTemplate transaction, EventOutbox outbox, DomainEvents events,
                        @Qualifier("reactionJobQueue") JobQueue queue, ReactionProperties settings, ObjectMapper json,
                        MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.events = events;
        this.queue = queue;
        this.settings = settings;
        this.json = json;
        this.metrics = metrics;
    }

    /** The job key of an event's reaction. */
    public static String key(String eventId, String reaction) {
        return eventId + "/" + reaction;
    }

    /**
     * Writes the event's reactions (names, comma separated) and their jobs, each once per event.
     *
     * @return how many jobs this call enqueued (0 for an event seen before)
     */
    public int enqueue(DomainEvent event, String reactions) {
        List<String> names = Arrays.stream(reactions.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            return 0;
        }
        String body = serialized(event);
        return transaction.execute(status -> {
            List<Publication> jobs = new ArrayList<>();
            for (String reaction : names) {
                String id = key(event.id(), reaction);
                int inserted = jdbc.update("INSERT INTO reaction_jobs (id, event_id, reaction, event_type, customer_id,"
                                + " event) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        id, event.id(), reaction, event.type(), event.customerid(), body);
                if (inserted == 1) {
                    jobs.add(new Publication(OutboxRelay.queue(queue.queue()), id, null, null));
                }
            }
            outbox.write(jobs);
            return jobs.size();
        });
    }

    /** Claims the job's reaction for this worker; null when there is nothing to do (done already, or gone). */
    public Claimed claim(String id) {
        List<Claimed> claimed = jdbc.query("UPDATE reaction_jobs SET claimed_until = now() + make_interval(secs => ?)"
                        + " WHERE id = ? AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())"
                        + " RETURNING id, reaction, event",
                (rs, n) -> new Claimed(rs.getString("id"), rs.getString("reaction"), events.read(rs.getString("event"))),
                settings.claimFor().toMillis() / 1000.0, id);
        if (!claimed.isEmpty()) {
            return claimed.get(0);
        }
        List<Map<String, Object>> row = jdbc.queryForList("SELECT reaction, done_at FROM reaction_jobs WHERE id = ?", id);
        if (row.isEmpty()) {
            log.info("Reaction {} is gone (erased or past retention): nothing to do", id);
            count("unknown", "gone");
            return null;
        }
        if (row.get(0).get("done_at") != null) {
            log.info("Reaction {} is done already", id);
            count((String) row.get(0).get("reaction"), "repeated");
            return null;
        }
        throw new ClaimedElsewhere(id);
    }

    /** The reaction is done: recorded with what it staged on the exchange (EventOutbox.stage), in one transaction. */
    public void done(Claimed job, Exchange exchange) {
        String outcome = exchange.getProperty("reactionOutcome", String.class);
        outbox.commit(() -> jdbc.update("UPDATE reaction_jobs SET done_at = now(), claimed_until = NULL, outcome = ?"
                + " WHERE id = ?", outcome, job.id()), EventOutbox.staged(exchange));
        count(job.reaction(), "done");
    }

    /** The reaction failed: released for the job's next attempt, and the failure goes on to the worker. */
    public void releaseAndRethrow(Claimed job, Exchange exchange) throws Exception {
        jdbc.update("UPDATE reaction_jobs SET claimed_until = NULL WHERE id = ? AND done_at IS NULL", job.id());
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw failure != null ? failure : new IllegalStateException("reaction " + job.id() + " failed");
    }

    /** Stages a domain event the reaction announces, to be published when the reaction is recorded done. */
    public void announce(Exchange exchange, DomainEvent event) {
        outbox.stage(exchange, events.publication(event));
    }

    /** Stages an eviction from every instance's cache ({@code CacheEvictions}), published when the reaction is done. */
    public void evict(Exchange exchange, String key) {
        outbox.stage(exchange, new Publication(io.switchboard.events.CacheEvictions.TOPIC, key, null, null));
    }

    private String serialized(DomainEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("domain event not serializable", e);
        }
    }

    private void count(String reaction, String outcome) {
        Counter.builder("switchboard.reactions").tag("reaction", reaction).tag("outcome", outcome)
                .description("Reactions to domain events done, or found done already or gone")
                .register(metrics).increment();
    }
}

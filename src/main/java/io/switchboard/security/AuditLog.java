package io.switchboard.security;

import io.switchboard.input.Inputs;
import io.switchboard.messaging.BackgroundLoop;
import io.switchboard.tracing.RequestIds;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit log in PostgreSQL: who (an actor such as {@code jwt:<sub>}, {@code apikey:<id>} or
 * {@code webhook:stripe}), what, when, the outcome and the request id. Callers pass no credential, secret or body.
 * An entry is durable when {@link #record} returns: inside a database transaction it is written in that transaction
 * (it stands or falls with the work it records); otherwise the caller waits for the background writer's next batch
 * commit, which takes every entry waiting at once (a group commit: under load one insert serves many requests). A
 * full queue, or a writer that does not answer in time, makes callers write their own entry rather than lose it.
 */
@Component
public class AuditLog extends BackgroundLoop {

    /** One entry. */
    public record Entry(Instant at, String actor, String action, String outcome, String requestId, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String INSERT =
            "INSERT INTO audit_log (at, actor, action, outcome, request_id, detail) VALUES (?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1_000;
    private static final int MAX_VALUE = 2_000;

    /** How long a caller waits for its batch before writing its entry itself. */
    private static final long WAIT_MILLIS = 5_000;

    /** How long a caller waits for a batch the writer has taken (a database that hangs cannot hold it forever). */
    private static final long TAKEN_WAIT_MILLIS = 60_000;

    /** An entry waiting for the writer, and the caller waiting for it to be committed. */
    private record Pending(Entry entry, CompletableFuture<Boolean> written) {
    }

    private final JdbcTemplate jdbc;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);

    public AuditLog(JdbcTemplate jdbc) {
        super("audit-writer", 1);
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String outcome, String detail) {
        Entry entry = new Entry(Instant.now(), storable(actor), storable(action), storable(outcome),
                MDC.get(RequestIds.MDC_KEY), storable(detail));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            write(List.of(entry));   // in the caller's transaction
            return;
        }
        Pending pending = new Pending(entry, new CompletableFuture<>());
        if (!isRunning() || !queue.offer(pending)) {
            write(List.of(entry));
            return;
        }
        try {
            if (Boolean.TRUE.equals(pending.written().get(WAIT_MILLIS, TimeUnit.MILLISECONDS))) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // written below
        }
        if (queue.remove(pending)) {
            write(List.of(entry));   // the writer never took it
            return;
        }
        // the writer took it and its batch is still being written: the caller goes on only once it is (what it is
        // about to do may depend on it: an erasure pseudonymises the entries committed before it)
        try {
            pending.written().get(TAKEN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("Audit entry not confirmed by the writer in time: {}", e.toString());
        }
    }

    /**
     * A value as the log can hold it, whatever a caller managed to put in it: control characters (NUL, which
     * PostgreSQL refuses, among them) escaped as {@code \\uXXXX}, at most {@link #MAX_VALUE} characters. An entry
     * that could not be written would be lost, and with it the batch it was in.
     */
    static String storable(String value) {
        if (value == null || value.length() <= MAX_VALUE && Inputs.isText(value) && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder clean = new StringBuilder();
        value.codePoints().takeWhile(c -> clean.length() < MAX_VALUE).forEach(c -> {
            String character = Character.isBmpCodePoint(c) && Character.isSurrogate((char) c) ? "\u0000"
                    : Character.toString(c);
            if (c == '\t' || Inputs.isIdentifier(character)) {
                clean.append(character);
            } else {
                clean.append(String.format("\\u%04x", c));
            }
        });
        return clean.toString();
    }

    /** Entries matching every given filter (null: any), newest first. */
    public List<Entry> find(String actor, String action, String outcome, Instant since, int limit) {
        return jdbc.query("SELECT at, actor, action, outcome, request_id, detail FROM audit_log"
                        + " WHERE (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?)"
                        + " AND (?::text IS NULL OR outcome = ?) AND (?::timestamptz IS NULL OR at >= ?)"
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                (rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)),
                actor, actor, action, action, outcome, outcome,
                since == null ? null : Timestamp.from(since), since == null ? null : Timestamp.from(since), limit);
    }

    @Override
    protected void work() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (isRunning() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                boolean written = write(batch.stream().map(Pending::entry).toList());
                batch.forEach(pending -> pending.written().complete(written));
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return whether the entries are written (a failure is logged: the caller's decision stands) */
    private boolean write(List<Entry> entries) {
        try {
            jdbc.batchUpdate(INSERT, entries.stream().map(e -> new Object[] {Timestamp.from(e.at()), e.actor(),
                    e.action(), e.outcome(), e.requestId(), e.detail()}).toList());
            return true;
        } catch (RuntimeException e) {
            // the audited decisions are already made; losing their record must not change them
            log.error("{} audit entries not written: {}", entries.size(), e.toString());
            return false;
        }
    }
}

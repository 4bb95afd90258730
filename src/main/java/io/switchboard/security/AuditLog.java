package io.switchboard.security;

import io.switchboard.api.RequestIds;
import io.switchboard.input.Inputs;
import io.switchboard.jobs.BackgroundLoop;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log in PostgreSQL: who (an actor such as {@code jwt:<sub>}, {@code apikey:<id>} or
 * {@code webhook:stripe}), what, when, the outcome and the request id. Callers pass no credential, secret or body.
 * Every chat request is audited, so entries are written in batches by a background writer; a full queue makes
 * callers write their own entry rather than lose it.
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

    private final JdbcTemplate jdbc;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(100_000);

    public AuditLog(JdbcTemplate jdbc) {
        super("audit-writer", 1);
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String outcome, String detail) {
        Entry entry = new Entry(Instant.now(), storable(actor), storable(action), storable(outcome),
                MDC.get(RequestIds.MDC_KEY), storable(detail));
        if (!queue.offer(entry)) {
            write(List.of(entry));
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
        List<Entry> batch = new ArrayList<>(BATCH);
        while (isRunning() || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Entry> entries) {
        try {
            jdbc.batchUpdate(INSERT, entries.stream().map(e -> new Object[] {Timestamp.from(e.at()), e.actor(),
                    e.action(), e.outcome(), e.requestId(), e.detail()}).toList());
        } catch (RuntimeException e) {
            // the audited decisions are already made; losing their record must not change them
            log.error("{} audit entries not written: {}", entries.size(), e.toString());
        }
    }
}

package io.switchboard.privacy;

import io.switchboard.messaging.DeadLetters;
import io.switchboard.security.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is past its retention (routes/jobs/retention.camel.yaml runs it hourly): webhook receipts, the audit
 * log, conversation events, order cancellations, the ticket ledger, stored exports, settled erasure proofs and the
 * dead letters on the broker, each after its own {@code switchboard.retention.*} period. Every instance runs the
 * timer; a PostgreSQL advisory lock lets one of them do the work at a time. A purge that deleted anything is itself
 * audited (actor {@code system:retention}, the counts per kind), in its transaction.
 */
@Component("retentionPurge")
public class RetentionPurge {

    /** Advisory lock key of the purge (any constant unique in the hub). */
    static final long LOCK = 0x5357_5245_5445_4e54L;

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionProperties retention;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public RetentionPurge(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionProperties retention,
                          DeadLetters deadLetters, AuditLog audit) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.retention = retention;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    /** @return rows deleted, or -1 when another instance holds the purge */
    public int purge() {
        Integer deleted = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return -1;
            }
            Instant now = clock.instant();
            Timestamp receipts = before(now, retention.webhookReceipts());
            Timestamp conversations = before(now, retention.conversations());
            Map<String, Integer> purged = new LinkedHashMap<>();
            purged.put("webhook_receipts", jdbc.update("DELETE FROM webhook_receipts WHERE received_at < ?", receipts)
                    + jdbc.update("DELETE FROM webhook_processed WHERE processed_at < ?", receipts));
            // a reaction done is remembered as long as a webhook's receipt: within that, a repeat is not run again
            purged.put("reaction_jobs", jdbc.update("DELETE FROM reaction_jobs WHERE done_at < ?", receipts));
            purged.put("audit_log", jdbc.update("DELETE FROM audit_log WHERE at < ?", before(now, retention.auditLog())));
            purged.put("conversation_events", jdbc.update("DELETE FROM conversation_events WHERE received_at < ?",
                    conversations) + jdbc.update("DELETE FROM conversations c WHERE created_at < ? AND NOT EXISTS"
                    + " (SELECT 1 FROM conversation_events e WHERE e.conversation_id = c.conversation_id)", conversations));
            // one still requested has its job in flight: kept whatever its age
            purged.put("order_cancellations", jdbc.update("DELETE FROM order_cancellations WHERE state <> 'requested'"
                    + " AND updated_at < ?", before(now, retention.orderCancellations())));
            // settled address changes (their addresses are gone already) and sent or skipped notifications: as long
            purged.put("order_address_changes", jdbc.update("DELETE FROM order_address_changes"
                    + " WHERE state <> 'requested' AND updated_at < ?", before(now, retention.orderCancellations())));
            purged.put("notifications", jdbc.update("DELETE FROM notifications WHERE state <> 'pending'"
                    + " AND done_at < ?", before(now, retention.orderCancellations())));
            purged.put("tickets", jdbc.update("DELETE FROM tickets WHERE created_at < ?", before(now, retention.tickets())));
            purged.put("exports", jdbc.update("DELETE FROM privacy_exports WHERE created_at < ?",
                    before(now, retention.exports())));
            // an erasure still under way is kept whatever its age
            purged.put("erasure_proofs", jdbc.update("DELETE FROM erasure_requests WHERE completed_at < ?",
                    before(now, retention.erasureProofs())));
            purged.put("dead_letters", deadLetters.purgeOlderThan(now.minus(retention.deadLetters())));
            int total = purged.values().stream().mapToInt(Integer::intValue).sum();
            if (total > 0) {
                audit.record("system:retention", "retention.purge", "completed", purged.entrySet().stream()
                        .filter(e -> e.getValue() > 0).map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
            }
            return total;
        });
        if (deleted != null && deleted > 0) {
            log.info("Retention purge deleted {} rows", deleted);
        } else if (deleted != null && deleted < 0) {
            log.debug("Retention purge skipped: another instance holds it");
        }
        return deleted == null ? 0 : deleted;
    }

    private static Timestamp before(Instant now, Duration period) {
        return Timestamp.from(now.minus(period));
    }
}

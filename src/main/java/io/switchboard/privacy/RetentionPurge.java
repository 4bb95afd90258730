package io.switchboard.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is past its retention (routes/jobs/retention.camel.yaml runs it hourly). Every instance runs the
 * timer; a PostgreSQL advisory lock lets one of them do the work at a time.
 */
@Component("retentionPurge")
public class RetentionPurge {

    /** Advisory lock key of the purge (any constant unique in the hub). */
    static final long LOCK = 0x5357_5245_5445_4e54L;

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionProperties retention;
    private final Clock clock = Clock.systemUTC();

    public RetentionPurge(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.retention = retention;
    }

    /** @return rows deleted, or -1 when another instance holds the purge */
    public int purge() {
        Integer deleted = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return -1;
            }
            Instant now = clock.instant();
            Timestamp receipts = Timestamp.from(now.minus(retention.webhookReceipts()));
            Timestamp audit = Timestamp.from(now.minus(retention.auditLog()));
            Timestamp conversations = Timestamp.from(now.minus(retention.conversations()));
            Timestamp cancellations = Timestamp.from(now.minus(retention.orderCancellations()));
            return jdbc.update("DELETE FROM webhook_receipts WHERE received_at < ?", receipts)
                    + jdbc.update("DELETE FROM webhook_processed WHERE processed_at < ?", receipts)
                    + jdbc.update("DELETE FROM audit_log WHERE at < ?", audit)
                    + jdbc.update("DELETE FROM conversation_events WHERE received_at < ?", conversations)
                    + jdbc.update("DELETE FROM conversations c WHERE created_at < ? AND NOT EXISTS"
                            + " (SELECT 1 FROM conversation_events e WHERE e.conversation_id = c.conversation_id)",
                            conversations)
                    // one still requested has its job in flight: kept whatever its age
                    + jdbc.update("DELETE FROM order_cancellations WHERE state <> 'requested' AND updated_at < ?",
                            cancellations);
        });
        if (deleted != null && deleted > 0) {
            log.info("Retention purge deleted {} rows", deleted);
        } else if (deleted != null && deleted < 0) {
            log.debug("Retention purge skipped: another instance holds it");
        }
        return deleted == null ? 0 : deleted;
    }
}

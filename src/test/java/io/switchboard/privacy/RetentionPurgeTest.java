package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.messaging.DeadLetters;
import io.switchboard.support.HubTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

@HubTest
class RetentionPurgeTest {

    @Autowired
    RetentionPurge purge;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JmsTemplate jms;

    @Test
    void deletesOnlyWhatIsPastItsRetention() {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        jdbc.update("INSERT INTO webhook_receipts (source, event_id, received_at) VALUES ('acme', ?, now() - interval '15 days')", old);
        jdbc.update("INSERT INTO webhook_receipts (source, event_id, received_at) VALUES ('acme', ?, now() - interval '13 days')", fresh);
        jdbc.update("INSERT INTO webhook_processed (source, event_id, processed_at) VALUES ('acme', ?, now() - interval '15 days')", old);
        jdbc.update("INSERT INTO audit_log (actor, action, outcome, at) VALUES ('test', ?, 'ok', now() - interval '400 days')", old);
        jdbc.update("INSERT INTO audit_log (actor, action, outcome) VALUES ('test', ?, 'ok')", fresh);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(3);

        assertThat(count("webhook_receipts", "event_id", old)).isZero();
        assertThat(count("webhook_receipts", "event_id", fresh)).isOne();
        assertThat(count("webhook_processed", "event_id", old)).isZero();
        assertThat(count("audit_log", "action", old)).isZero();
        assertThat(count("audit_log", "action", fresh)).isOne();
    }

    @Test
    void purgesTicketsExportsAndSettledErasureProofsPastTheirRetentionAndAuditsIt() {
        String oldTicket = "conv-ticket-old-" + UUID.randomUUID();
        String freshTicket = "conv-ticket-fresh-" + UUID.randomUUID();
        jdbc.update("INSERT INTO tickets (conversation_id, customer_id, ticket_id, priority, created_at)"
                + " VALUES (?, 'c-1', '1', 'normal', now() - interval '366 days')", oldTicket);
        jdbc.update("INSERT INTO tickets (conversation_id, customer_id, ticket_id, priority) VALUES (?, 'c-1', '2', 'normal')",
                freshTicket);
        String oldExport = "exp_" + UUID.randomUUID();
        jdbc.update("INSERT INTO privacy_exports (export_id, origin, customer_hash, key_id, document_sealed, created_at)"
                + " VALUES (?, 'test', 'x', 'k', '\\x00', now() - interval '31 days')", oldExport);
        String settled = "era_old_" + UUID.randomUUID();
        String underWay = "era_open_" + UUID.randomUUID();
        jdbc.update("INSERT INTO erasure_requests (request_id, customer_hash, origin, requested_at, completed_at)"
                + " VALUES (?, ?, 'api', now() - interval '1200 days', now() - interval '1100 days')", settled, settled);
        jdbc.update("INSERT INTO erasure_requests (request_id, customer_hash, customer_id, origin, requested_at)"
                + " VALUES (?, ?, 'c-2', 'api', now() - interval '1200 days')", underWay, underWay);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(3);

        assertThat(count("tickets", "conversation_id", oldTicket)).isZero();
        assertThat(count("tickets", "conversation_id", freshTicket)).isOne();
        assertThat(count("privacy_exports", "export_id", oldExport)).isZero();
        assertThat(count("erasure_requests", "request_id", settled)).isZero();
        assertThat(count("erasure_requests", "request_id", underWay)).as("still under way").isOne();
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE actor = 'system:retention'"
                + " ORDER BY id DESC LIMIT 1", String.class)).contains("tickets=", "exports=", "erasure_proofs=");
    }

    @Test
    void purgesDeadLettersOlderThanTheirRetention() {
        jms.send("jobs.crm-activity.dlq", session -> session.createTextMessage("evt_dead_" + UUID.randomUUID()));
        Instant cutoff = Instant.now().plusMillis(1);

        assertThat(deadLetters.purgeOlderThan(cutoff)).isGreaterThanOrEqualTo(1);

        Boolean anyLeft = jms.browse("jobs.crm-activity.dlq",
                (session, browser) -> browser.getEnumeration().hasMoreElements());
        assertThat(anyLeft).isFalse();
    }

    @Test
    void purgesConversationEventsPastTheirRetentionAndConversationsLeftEmpty() {
        String old = "conv-old-" + UUID.randomUUID();
        String mixed = "conv-mixed-" + UUID.randomUUID();
        jdbc.update("INSERT INTO conversations (conversation_id, customer_id, created_at) VALUES (?, 'c-1', now() - interval '100 days')", old);
        jdbc.update("INSERT INTO conversations (conversation_id, customer_id, created_at) VALUES (?, 'c-1', now() - interval '100 days')", mixed);
        event(old, "evt_" + UUID.randomUUID(), "100 days");
        String expired = "evt_" + UUID.randomUUID();
        String kept = "evt_" + UUID.randomUUID();
        event(mixed, expired, "91 days");
        event(mixed, kept, "89 days");

        assertThat(purge.purge()).isGreaterThanOrEqualTo(3);

        assertThat(count("conversations", "conversation_id", old)).isZero();
        assertThat(count("conversation_events", "conversation_id", old)).isZero();
        assertThat(count("conversation_events", "id", expired)).isZero();
        assertThat(count("conversation_events", "id", kept)).isOne();
        assertThat(count("conversations", "conversation_id", mixed)).as("it still has an event").isOne();
    }

    @Test
    void purgesSettledOrderCancellationsPastTheirRetentionButNotOnesInFlight() {
        String settled = "r-settled-" + UUID.randomUUID();
        String recent = "r-recent-" + UUID.randomUUID();
        String inFlight = "r-requested-" + UUID.randomUUID();
        cancellation(settled, "cancelled", "91 days");
        cancellation(recent, "failed", "89 days");
        cancellation(inFlight, "requested", "200 days");

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(count("order_cancellations", "order_number", settled)).isZero();
        assertThat(count("order_cancellations", "order_number", recent)).isOne();
        assertThat(count("order_cancellations", "order_number", inFlight)).isOne();
    }

    @Test
    void stepsAsideWhileAnotherInstanceHoldsThePurge() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, RetentionPurge.LOCK);
                lock.execute();
            }

            assertThat(purge.purge()).isEqualTo(-1);

            other.rollback();
        }
        assertThat(purge.purge()).isGreaterThanOrEqualTo(0);
    }

    private void cancellation(String orderNumber, String state, String age) {
        jdbc.update("INSERT INTO order_cancellations (order_number, customer_id, job_id, state, updated_at)"
                + " VALUES (?, 'c-1', ?, ?, now() - ?::interval)", orderNumber, "job-" + orderNumber, state, age);
    }

    private void event(String conversation, String id, String age) {
        jdbc.update("INSERT INTO conversation_events (id, conversation_id, customer_id, type, at, crm_logging, received_at)"
                + " VALUES (?, ?, 'c-1', 'resolved', now(), false, now() - ?::interval)", id, conversation, age);
    }

    private int count(String table, String column, String value) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }
}

package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@HubTest
class RetentionPurgeTest {

    @Autowired
    RetentionPurge purge;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

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

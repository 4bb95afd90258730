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

    private int count(String table, String column, String value) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }
}

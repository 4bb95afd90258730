package io.switchboard.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves what is sealed under a key rotated out ({@code switchboard.privacy.previous-encryption-keys}) to the current
 * key: conversation events' role and text, and stored exports, in batches of {@code reencrypt-batch} rows, each
 * batch one transaction (rows locked {@code FOR UPDATE SKIP LOCKED}, so instances share the work and a crash loses
 * at most the batch under way, which the next run takes again). Run by routes/jobs/key-rotation.camel.yaml.
 * Progress: {@code switchboard_privacy_rows_on_retired_keys} (rows left) and
 * {@code switchboard_privacy_reencrypted_rows_total}. Once no row is left on a retired key, the log says that the
 * key may be removed from the configuration.
 */
@Component("keyRotation")
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FieldCipher cipher;
    private final int batch;
    private final AtomicLong remaining = new AtomicLong(-1);
    private final Counter reencrypted;
    private volatile boolean reportedDone;

    public KeyRotation(JdbcTemplate jdbc, TransactionTemplate transaction, FieldCipher cipher, MeterRegistry metrics,
                       @Value("${switchboard.privacy.reencrypt-batch:500}") int batch) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cipher = cipher;
        this.batch = batch;
        Gauge.builder("switchboard.privacy.rows.on.retired.keys", remaining, AtomicLong::get)
                .description("Rows still sealed under a key rotated out (-1: not counted yet)").register(metrics);
        this.reencrypted = Counter.builder("switchboard.privacy.reencrypted.rows")
                .description("Rows moved from a retired key to the current one").register(metrics);
    }

    /** Re-seals every row on a retired key; answers how many it moved. */
    public int run() {
        Set<String> retired = cipher.retiredKeyIds();
        if (retired.isEmpty()) {
            remaining.set(0);
            return 0;
        }
        int moved = 0;
        int turn;
        do {
            turn = transaction.execute(status -> events(retired) + exports(retired));
            moved += turn;
            reencrypted.increment(turn);
            remaining.set(count(retired));
        } while (turn > 0);
        if (remaining.get() == 0 && !reportedDone) {
            reportedDone = true;
            log.info("No row is sealed under the retired key(s) {} any more: they may be removed from"
                    + " switchboard.privacy.previous-encryption-keys", retired);
        } else if (moved > 0) {
            log.info("Re-encrypted {} rows under the current key; {} left on retired keys", moved, remaining.get());
        }
        return moved;
    }

    private record Sealed(String id, String keyId, byte[] first, byte[] second) {
    }

    private int events(Set<String> retired) {
        List<Sealed> rows = jdbc.query(connection -> select(connection.prepareStatement("SELECT id, key_id, role_sealed,"
                + " text_sealed FROM conversation_events WHERE key_id = ANY (?) LIMIT " + batch
                + " FOR UPDATE SKIP LOCKED"), retired, connection), (rs, n) -> new Sealed(rs.getString(1),
                rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
        for (Sealed row : rows) {
            String role = cipher.open(row.keyId(), row.first(), ConversationStore.context(row.id(), "role"));
            String text = cipher.open(row.keyId(), row.second(), ConversationStore.context(row.id(), "text"));
            jdbc.update("UPDATE conversation_events SET key_id = ?, role_sealed = ?, text_sealed = ? WHERE id = ?",
                    cipher.keyId(), cipher.seal(role, ConversationStore.context(row.id(), "role")),
                    cipher.seal(text, ConversationStore.context(row.id(), "text")), row.id());
        }
        return rows.size();
    }

    private int exports(Set<String> retired) {
        List<Sealed> rows = jdbc.query(connection -> select(connection.prepareStatement("SELECT export_id, key_id,"
                + " document_sealed FROM privacy_exports WHERE key_id = ANY (?) LIMIT " + batch
                + " FOR UPDATE SKIP LOCKED"), retired, connection), (rs, n) -> new Sealed(rs.getString(1),
                rs.getString(2), rs.getBytes(3), null));
        for (Sealed row : rows) {
            String document = cipher.open(row.keyId(), row.first(), PrivacyExports.context(row.id()));
            jdbc.update("UPDATE privacy_exports SET key_id = ?, document_sealed = ? WHERE export_id = ?",
                    cipher.keyId(), cipher.seal(document, PrivacyExports.context(row.id())), row.id());
        }
        return rows.size();
    }

    private long count(Set<String> retired) {
        return jdbc.query(connection -> select(connection.prepareStatement("SELECT (SELECT count(*) FROM"
                        + " conversation_events WHERE key_id = ANY (?)) + (SELECT count(*) FROM privacy_exports"
                        + " WHERE key_id = ANY (?))"), retired, connection),
                (rs, n) -> rs.getLong(1)).get(0);
    }

    private static PreparedStatement select(PreparedStatement statement, Set<String> retired,
                                            java.sql.Connection connection) throws java.sql.SQLException {
        java.sql.Array keys = connection.createArrayOf("text", retired.toArray());
        for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
            statement.setArray(i, keys);
        }
        return statement;
    }
}

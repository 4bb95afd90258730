package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.support.HubTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Re-encryption after a rotation, on the hub's PostgreSQL: no row is left on the old key, and every value reads the same. */
@HubTest
class KeyRotationTest {

    /** "an-old-field-key-rotated-out-0001", the key the rows were sealed with. */
    private static final String OLD_KEY = "YW4tb2xkLWZpZWxkLWtleS1yb3RhdGVkLW91dC0wMDE=";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Value("${switchboard.privacy.encryption-key}")
    String currentKey;

    @Test
    void rowsOnTheOldKeyAreMovedToTheCurrentOneInBatches() {
        FieldCipher old = new FieldCipher(new PrivacyProperties(OLD_KEY, List.of()));
        FieldCipher rotated = new FieldCipher(new PrivacyProperties(currentKey, List.of(OLD_KEY)));
        String conversation = "conv-rotation-" + UUID.randomUUID();
        jdbc.update("INSERT INTO conversations (conversation_id, customer_id) VALUES (?, 'rotation')", conversation);
        for (int i = 0; i < 5; i++) {
            String id = "evt_rotation_" + UUID.randomUUID();
            jdbc.update("INSERT INTO conversation_events (id, conversation_id, customer_id, type, at, key_id,"
                            + " role_sealed, text_sealed, crm_logging) VALUES (?, ?, 'rotation', 'message', ?, ?, ?, ?, false)",
                    id, conversation, Timestamp.from(Instant.now()), old.keyId(),
                    old.seal("customer", ConversationStore.context(id, "role")),
                    old.seal("message " + i, ConversationStore.context(id, "text")));
        }
        String exportId = "exp_" + UUID.randomUUID();
        jdbc.update("INSERT INTO privacy_exports (export_id, origin, customer_hash, key_id, document_sealed)"
                + " VALUES (?, 'test', 'x', ?, ?)", exportId, old.keyId(),
                old.seal("{\"version\":1}", PrivacyExports.context(exportId)));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        int moved = new KeyRotation(jdbc, transaction, rotated, metrics, 2).run();

        assertThat(moved).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE key_id = ?", Integer.class,
                old.keyId())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_exports WHERE key_id = ?", Integer.class,
                old.keyId())).isZero();
        assertThat(metrics.get("switchboard.privacy.rows.on.retired.keys").gauge().value()).isZero();
        assertThat(metrics.get("switchboard.privacy.reencrypted.rows").counter().count()).isEqualTo(6);
        FieldCipher current = new FieldCipher(new PrivacyProperties(currentKey, List.of()));
        List<String> texts = jdbc.query("SELECT id, key_id, text_sealed FROM conversation_events WHERE conversation_id = ?"
                + " ORDER BY text_sealed", (rs, n) -> current.open(rs.getString(2), rs.getBytes(3),
                ConversationStore.context(rs.getString(1), "text")), conversation);
        assertThat(texts).containsExactlyInAnyOrder("message 0", "message 1", "message 2", "message 3", "message 4");
        assertThat(jdbc.queryForObject("SELECT key_id FROM privacy_exports WHERE export_id = ?", String.class, exportId))
                .isEqualTo(current.keyId());
        assertThat(new KeyRotation(jdbc, transaction, rotated, metrics, 2).run()).as("nothing left to do").isZero();
    }
}

package io.switchboard.subscribers;

import io.switchboard.privacy.FieldCipher;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subscriptions in PostgreSQL ({@code webhook_subscriptions}). Secrets are sealed with {@link FieldCipher},
 * bound to their row, and opened only to sign a delivery.
 */
@Component
public class Subscriptions {

    private static final String COLUMNS = "id, name, url, event_types, marketing, enabled, consecutive_failures,"
            + " disabled_at, disabled_reason, created_at";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public Subscriptions(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Subscription create(String name, String url, List<String> eventTypes, boolean marketing, String secret) {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO webhook_subscriptions (id, name, url, event_types,"
                    + " marketing, key_id, secret_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, url);
            insert.setArray(4, connection.createArrayOf("text", eventTypes.toArray()));
            insert.setBoolean(5, marketing);
            insert.setString(6, cipher.keyId());
            insert.setBytes(7, cipher.seal(secret, context(id)));
            return insert;
        });
        return find(id).orElseThrow();
    }

    public List<Subscription> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id", Subscriptions::row);
    }

    public Optional<Subscription> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = ?", Subscriptions::row, id)
                .stream().findFirst();
    }

    /** The enabled subscriptions to events of {@code type}. */
    public List<Subscription> receiving(String type) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE enabled"
                + " AND (? = ANY (event_types) OR '*' = ANY (event_types))", Subscriptions::row, type);
    }

    /** The secret, to sign with. */
    public String secret(String id) {
        return jdbc.queryForObject("SELECT key_id, secret_sealed FROM webhook_subscriptions WHERE id = ?",
                (rs, n) -> cipher.open(rs.getString(1), rs.getBytes(2), context(id)), id);
    }

    /** Enables (clearing the run of failures) or disables; false when there is no such subscription. */
    public boolean setEnabled(String id, boolean enabled, String reason) {
        return 1 == (enabled
                ? jdbc.update("UPDATE webhook_subscriptions SET enabled = true, consecutive_failures = 0,"
                        + " disabled_at = NULL, disabled_reason = NULL WHERE id = ?", id)
                : jdbc.update("UPDATE webhook_subscriptions SET enabled = false, disabled_at = now(),"
                        + " disabled_reason = ? WHERE id = ?", reason, id));
    }

    public boolean delete(String id) {
        return 1 == jdbc.update("DELETE FROM webhook_subscriptions WHERE id = ?", id);
    }

    public void succeeded(String id) {
        jdbc.update("UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures > 0",
                id);
    }

    /**
     * Counts a failed attempt, and disables the endpoint when it makes the run {@code disableAfter} long.
     *
     * @return true when this failure disabled it
     */
    public boolean failed(String id, int disableAfter) {
        List<Boolean> disabled = jdbc.query("UPDATE webhook_subscriptions SET consecutive_failures ="
                        + " consecutive_failures + 1, enabled = enabled AND consecutive_failures + 1 < ?,"
                        + " disabled_at = CASE WHEN enabled AND consecutive_failures + 1 >= ? THEN now()"
                        + " ELSE disabled_at END,"
                        + " disabled_reason = CASE WHEN enabled AND consecutive_failures + 1 >= ?"
                        + " THEN 'failing: ' || (consecutive_failures + 1) || ' consecutive failed attempts'"
                        + " ELSE disabled_reason END"
                        + " WHERE id = ? RETURNING disabled_at IS NOT NULL AND NOT enabled"
                        + " AND disabled_at >= now()",
                (rs, n) -> rs.getBoolean(1), disableAfter, disableAfter, disableAfter, id);
        return !disabled.isEmpty() && disabled.get(0);
    }

    private static String context(String id) {
        return "webhook_subscriptions/" + id + "/secret";
    }

    private static Subscription row(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        Timestamp disabledAt = rs.getTimestamp("disabled_at");
        return new Subscription(rs.getString("id"), rs.getString("name"), rs.getString("url"),
                Arrays.asList((String[]) types.getArray()), rs.getBoolean("marketing"), rs.getBoolean("enabled"),
                rs.getInt("consecutive_failures"), disabledAt == null ? null : disabledAt.toInstant(),
                rs.getString("disabled_reason"), rs.getTimestamp("created_at").toInstant());
    }
}

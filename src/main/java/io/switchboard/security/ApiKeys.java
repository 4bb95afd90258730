package io.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The API key store in PostgreSQL: keys are minted here (shown once), stored as SHA-256 hashes, looked up by hash,
 * expire and are revoked. Several may be active at once, for rotation. The bootstrap admin key of a fresh install
 * ({@code switchboard.security.bootstrap-admin-key}) is stored the same way on start.
 */
@Component
public class ApiKeys {

    /** The key a caller presents. */
    public record Minted(ApiKey key, String secret) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final String PREFIX = "sbk_";

    private final JdbcTemplate jdbc;
    private final String bootstrapKey;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(JdbcTemplate jdbc, @Value("${switchboard.security.bootstrap-admin-key:}") String bootstrapKey) {
        this.jdbc = jdbc;
        this.bootstrapKey = bootstrapKey;
    }

    public Minted mint(String name, Set<String> scopes, Instant expiresAt) {
        return mint(name, scopes, Set.of(), expiresAt);
    }

    /** A key acting on the chat API for the customers named (or any, with scope customers:all). */
    public Minted mint(String name, Set<String> scopes, Set<String> customers, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = "key_" + HexFormat.of().formatHex(bytes, 0, 8);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store(id, secret, name, scopes, customers, expiresAt);
        return new Minted(find(id).orElseThrow(), secret);
    }

    /** The active key this secret belongs to, or empty (unknown, revoked or expired). */
    public Optional<ApiKey> authenticate(String secret, Instant now) {
        if (secret == null || secret.isBlank() || secret.length() > 256) {
            return Optional.empty();
        }
        List<ApiKey> keys = jdbc.query("SELECT * FROM api_keys WHERE key_hash = ?", ApiKeys::row, hash(secret));
        Optional<ApiKey> key = keys.stream().findFirst().filter(k -> k.activeAt(now));
        key.ifPresent(k -> touch(k, now));
        return key;
    }

    public List<ApiKey> list() {
        return jdbc.query("SELECT * FROM api_keys ORDER BY created_at", ApiKeys::row);
    }

    public Optional<ApiKey> find(String id) {
        return jdbc.query("SELECT * FROM api_keys WHERE id = ?", ApiKeys::row, id).stream().findFirst();
    }

    public boolean revoke(String id) {
        return jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) == 1;
    }

    /**
     * Stores the bootstrap admin key of a fresh install, once: as soon as the context has started, so that it works
     * from the moment the hub lets requests in (at ready; until then every request gets 503).
     */
    @EventListener(ApplicationStartedEvent.class)
    public void storeBootstrapKey() {
        if (bootstrapKey.isBlank()) {
            return;
        }
        int stored = jdbc.update("INSERT INTO api_keys (id, key_hash, name, scopes) VALUES ('bootstrap', ?, "
                + "'bootstrap admin key', ARRAY['admin']) ON CONFLICT DO NOTHING", (Object) hash(bootstrapKey));
        if (stored == 1) {
            log.info("Stored the bootstrap admin key (id bootstrap); mint your own keys and revoke it");
        }
    }

    private void store(String id, String secret, String name, Set<String> scopes, Set<String> customers,
                       Instant expiresAt) {
        jdbc.update(connection -> {
            var insert = connection.prepareStatement(
                    "INSERT INTO api_keys (id, key_hash, name, scopes, customers, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
            insert.setString(1, id);
            insert.setBytes(2, hash(secret));
            insert.setString(3, name);
            insert.setArray(4, connection.createArrayOf("text", scopes.toArray()));
            insert.setArray(5, connection.createArrayOf("text", customers.toArray()));
            insert.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            return insert;
        });
    }

    /** Last use, at minute precision: one write a minute per key at most, not one per request. */
    private void touch(ApiKey key, Instant now) {
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minusSeconds(60))) {
            jdbc.update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", Timestamp.from(now), key.id());
        }
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), strings(rs.getArray("scopes")),
                strings(rs.getArray("customers")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
    }

    private static Set<String> strings(Array array) throws SQLException {
        return new HashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

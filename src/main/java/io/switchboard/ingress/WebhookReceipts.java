package io.switchboard.ingress;

import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two ledgers of events (see V1__webhook_deliveries.sql): those the ingress has put on the broker
 * ({@code webhook_receipts}) and those the workers have applied ({@code webhook_processed}).
 */
@Component
public class WebhookReceipts {

    /** One event of one source. */
    public record Receipt(String source, String eventId) {
    }

    private final JdbcTemplate jdbc;

    public WebhookReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the receipts in one statement and answers those that were not on record: the others are repeats. Run in
     * the caller's transaction, the claims stand only if it commits; a concurrent claim of the same event waits for it.
     * (An insert that lets the unique index arbitrate, rather than a lookup first, whose plan PostgreSQL caches while
     * the table is small and keeps as a scan of it long after.)
     */
    public Set<Receipt> claimReceived(List<Receipt> receipts) {
        return claim("webhook_receipts", receipts);
    }

    /** The same for the workers: the events returned are applied in the caller's transaction, the others were before. */
    public Set<Receipt> claimApplied(List<Receipt> receipts) {
        return claim("webhook_processed", receipts);
    }

    private Set<Receipt> claim(String ledger, List<Receipt> receipts) {
        // rows are claimed in one order by every claimer: two batches holding the same events in different orders
        // would otherwise each wait for the other's row, a deadlock that PostgreSQL ends by failing one of them
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ledger + " (source, event_id) "
                    + "SELECT * FROM unnest(?::text[], ?::text[]) AS claim (source, event_id) "
                    + "ORDER BY source, event_id ON CONFLICT DO NOTHING RETURNING source, event_id");
            insert.setArray(1, connection.createArrayOf("text", receipts.stream().map(Receipt::source).toArray()));
            insert.setArray(2, connection.createArrayOf("text", receipts.stream().map(Receipt::eventId).toArray()));
            return insert;
        }, (rs, n) -> new Receipt(rs.getString(1), rs.getString(2))));
    }
}

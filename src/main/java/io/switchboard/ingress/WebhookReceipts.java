package io.switchboard.ingress;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The receipts table: which events the ingress has already put on the broker (see V1__webhook_deliveries.sql). */
@Component
public class WebhookReceipts {

    private final JdbcTemplate jdbc;

    public WebhookReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of these events of one source are already on record. */
    public Set<String> seen(String source, Collection<String> eventIds) {
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT event_id FROM webhook_receipts WHERE source = ? AND event_id = ANY (?)");
            select.setString(1, source);
            select.setArray(2, connection.createArrayOf("text", eventIds.toArray()));
            return select;
        }, (rs, n) -> rs.getString(1)));
    }

    public record Receipt(String source, String eventId) {
    }

    /** Records a batch in one statement. */
    public void recordAll(List<Receipt> batch) {
        jdbc.batchUpdate("INSERT INTO webhook_receipts (source, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                batch.stream().map(r -> new Object[] {r.source(), r.eventId()}).toList());
    }
}

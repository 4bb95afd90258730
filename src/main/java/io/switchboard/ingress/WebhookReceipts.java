package io.switchboard.ingress;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The receipts table: which events the ingress has already put on the broker (see V1__webhook_deliveries.sql). */
@Component
public class WebhookReceipts {

    private final JdbcTemplate jdbc;

    public WebhookReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean seen(String source, String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM webhook_receipts WHERE source = ? AND event_id = ?)",
                Boolean.class, source, eventId));
    }

    public record Receipt(String source, String eventId) {
    }

    /** Records a batch in one statement. */
    public void recordAll(List<Receipt> batch) {
        jdbc.batchUpdate("INSERT INTO webhook_receipts (source, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                batch.stream().map(r -> new Object[] {r.source(), r.eventId()}).toList());
    }
}
